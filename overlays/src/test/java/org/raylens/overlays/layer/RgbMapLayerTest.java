package org.raylens.overlays.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.raylens.core.result.PatchMap;
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

    /** Zoomed views take the separable row path, rotated ones the per-sample path: both equal colourAt. */
    @Test
    void fastAndGeneralPathsAgreeWithColourAt() {
        float[] v = new float[9 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.sin(i * 1.3);
        }
        RgbMapLayer layer = new RgbMapLayer("PCA", new PatchMap("pca", "", 3, 3, 3, v, TestMaps.wideGeometry(), ""));
        ViewTransform zoomed = ViewTransform.zoomPan(1.7, 80, 30);
        ViewTransform rotated = new ViewTransform(0, 1, 0, -1, 0, 400);
        for (ViewTransform view : new ViewTransform[] {zoomed, rotated, zoomed}) { // zoomed again: reused raster
            CapturingCanvas g = new CapturingCanvas(400, 600);
            layer.paint(g, view);
            CapturingCanvas.Raster r = g.onlyRaster();
            for (int j = 0; j < 600; j += 3) {
                for (int i = 0; i < 400; i += 3) {
                    double sx = view.toSourceX(i + 0.5, j + 0.5);
                    double sy = view.toSourceY(i + 0.5, j + 0.5);
                    boolean inImage = sx >= 0 && sy >= 0 && sx < 600 && sy < 400;
                    assertEquals(inImage ? layer.colourAt(sx, sy) : 0, r.at(i, j), view + " at " + i + "," + j);
                }
            }
        }
    }
}
