package org.raylens.overlays.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.raylens.inference.explain.PatchMap;
import org.raylens.viewer.image.ViewTransform;

class RgbMapLayerTest {

    @Test
    void eachComponentIsStretchedOverItsOwnRangeAtPatchCentres() {
        float[] v = new float[9 * 3];
        // component 0 in [−5, 5], component 1 in [0, 0.01], component 2 constant
        for (int p = 0; p < 9; p++) {
            v[p * 3] = p == 4 ? 5 : -5;
            v[p * 3 + 1] = p == 0 ? 0.01f : 0;
            v[p * 3 + 2] = 7;
        }
        PatchMap map = new PatchMap("pca", "", 3, 3, 3, v, TestMaps.wideGeometry(), "");
        RgbMapLayer layer = new RgbMapLayer("PCA", map);
        assertEquals(0xFFFF0080, layer.colourAt(TestMaps.centreX(1), TestMaps.centreY(1)));
        assertEquals(0xFF00FF80, layer.colourAt(TestMaps.centreX(0), TestMaps.centreY(0)));
        assertEquals(0, layer.colourAt(20, 20), "not seen");
        layer.setOpacity(0.5);
        CapturingCanvas g = new CapturingCanvas(600, 400);
        layer.paint(g, ViewTransform.zoomPan(1, 0, 0));
        int centre = g.onlyRaster().at((int) TestMaps.centreX(1), (int) TestMaps.centreY(1));
        assertEquals(0x80, centre >>> 24);
        assertThrows(IllegalArgumentException.class, () -> new HeatmapLayer("x", map));
    }
}
