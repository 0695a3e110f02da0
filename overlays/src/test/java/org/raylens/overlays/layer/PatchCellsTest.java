package org.raylens.overlays.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.raylens.viewer.image.ViewTransform;

/** The raw patch grid: every source point takes its own patch's value, on the screen and in the readout. */
class PatchCellsTest {

    @Test
    void cellsHoldTheirPatchValueUpToTheCellEdge() {
        HeatmapLayer layer = new HeatmapLayer("attention", TestMaps.onePatch(1, 1));
        assertFalse(layer.showsPatchCells());
        // smooth: half-way between the centres of patches (1,1) and (1,2) the value is 0.5
        double between = (TestMaps.centreX(1) + TestMaps.centreX(2)) / 2;
        assertEquals(0.5, layer.valueAt(between, TestMaps.centreY(1)), 1e-9);
        layer.setShowPatchCells(true);
        assertTrue(layer.showsPatchCells());
        // patch column 1 covers input x [14, 28): source x [(14 + 10)·600/63, (28 + 10)·600/63) = [228.57, 361.90)
        double cellLeft = 24 * 600 / 63.0;
        double cellRight = 38 * 600 / 63.0;
        assertEquals(1.0, layer.valueAt(cellLeft + 0.01, TestMaps.centreY(1)), 0);
        assertEquals(1.0, layer.valueAt(cellRight - 0.01, TestMaps.centreY(1)), 0);
        assertEquals(0.0, layer.valueAt(cellRight + 0.01, TestMaps.centreY(1)), 0);
        assertEquals(0.0, layer.valueAt(cellLeft - 0.01, TestMaps.centreY(1)), 0);
        assertTrue(Double.isNaN(layer.valueAt(50, 200)), "unseen stays unseen");
        // a new map keeps the mode
        layer.setMap(TestMaps.onePatch(0, 0));
        assertEquals(1.0, layer.valueAt(cellLeft - 0.01, 10), 0);
    }

    @Test
    void paintedCellsMatchTheReadoutOnBothPaths() {
        HeatmapLayer layer = new HeatmapLayer("attention", TestMaps.onePatch(1, 2));
        layer.setShowPatchCells(true);
        ViewTransform zoomed = ViewTransform.zoomPan(1.7, 80, 30);
        ViewTransform rotated = new ViewTransform(0, 1, 0, -1, 0, 400);
        for (ViewTransform view : new ViewTransform[] {zoomed, rotated}) {
            CapturingCanvas g = new CapturingCanvas(400, 600);
            layer.paint(g, view);
            CapturingCanvas.Raster r = g.onlyRaster();
            for (int j = 0; j < 600; j += 5) {
                for (int i = 0; i < 400; i += 5) {
                    double sx = view.toSourceX(i + 0.5, j + 0.5);
                    double sy = view.toSourceY(i + 0.5, j + 0.5);
                    boolean inImage = sx >= 0 && sy >= 0 && sx < 600 && sy < 400;
                    int expected = inImage ? layer.colourOf(layer.valueAt(sx, sy)) : 0;
                    assertEquals(expected, r.at(i, j), view + " at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void rgbLayerShowsCellsToo() {
        float[] v = new float[27];
        v[(1 * 3 + 1) * 3] = 1; // red channel of patch (1,1)
        RgbMapLayer layer = new RgbMapLayer("pca", new org.raylens.core.result.PatchMap("pca", "t", 3, 3, 3, v,
                TestMaps.wideGeometry(), "t"));
        double between = (TestMaps.centreX(1) + TestMaps.centreX(2)) / 2;
        int smooth = layer.colourAt(between, TestMaps.centreY(1));
        layer.setShowPatchCells(true);
        int cell = layer.colourAt(between, TestMaps.centreY(1));
        assertEquals(128, (smooth >> 16) & 0xFF, "half-way: the middle of the red range");
        assertEquals(between < 38 * 600 / 63.0 ? 255 : 0, (cell >> 16) & 0xFF);
    }
}
