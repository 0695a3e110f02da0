package org.raylens.overlays.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.raylens.resources.colormap.Colormap;
import org.raylens.viewer.image.ViewTransform;

class HeatmapLayerTest {

    private static final ViewTransform IDENTITY = ViewTransform.zoomPan(1, 0, 0);

    @Test
    void brightPatchLandsOnItsSourcePixelsOfANonSquareImage() {
        HeatmapLayer layer = new HeatmapLayer("attention", TestMaps.onePatch(1, 1));
        CapturingCanvas g = new CapturingCanvas(600, 400);
        layer.paint(g, IDENTITY);
        CapturingCanvas.Raster r = g.onlyRaster();
        assertEquals(600, r.width());
        assertEquals(400, r.height());
        // The brightest sample is at the centre of patch (1, 1): source (295.2, 200.0), not at the centre of the
        // image (300, 200), because the crop starts 10 input pixels in and x and y scale differently.
        int best = -1;
        int bi = 0;
        int bj = 0;
        for (int j = 0; j < 400; j++) {
            for (int i = 0; i < 600; i++) {
                int lum = luma(r.at(i, j));
                if ((r.at(i, j) >>> 24) != 0 && lum > best) {
                    best = lum;
                    bi = i;
                    bj = j;
                }
            }
        }
        assertEquals(TestMaps.centreX(1), bi + 0.5, 1.0);
        assertEquals(TestMaps.centreY(1), bj + 0.5, 1.0);
        assertEquals(1.0, layer.valueAt(TestMaps.centreX(1), TestMaps.centreY(1)), 1e-12);
        // The centre of a zero patch shows the low end; halfway between two centres shows the middle.
        assertEquals(Colormap.VIRIDIS.entry(0), r.at((int) TestMaps.centreX(0), (int) TestMaps.centreY(2)));
        double midX = (TestMaps.centreX(1) + TestMaps.centreX(2)) / 2;
        assertEquals(0.5, layer.valueAt(midX, TestMaps.centreY(1)), 1e-9);
        double midY = (TestMaps.centreY(0) + TestMaps.centreY(1)) / 2;
        assertEquals(0.5, layer.valueAt(TestMaps.centreX(1), midY), 1e-9);
    }

    @Test
    void transparentWhereTheModelDidNotSee() {
        HeatmapLayer layer = new HeatmapLayer("attention", TestMaps.onePatch(1, 0));
        CapturingCanvas g = new CapturingCanvas(600, 400);
        layer.paint(g, IDENTITY);
        CapturingCanvas.Raster r = g.onlyRaster();
        for (int j = 0; j < 400; j += 7) {
            assertEquals(0, r.at(94, j), "left of the crop at y=" + j);
            assertTrue((r.at(96, j) >>> 24) != 0, "inside the crop at y=" + j);
            assertTrue((r.at(494, j) >>> 24) != 0, "inside the crop at y=" + j);
            assertEquals(0, r.at(496, j), "right of the crop at y=" + j);
        }
        assertTrue(Double.isNaN(layer.valueAt(50, 200)));
        // The edge patch holds its value out to the edge of the seen area: no fading towards the crop line.
        assertEquals(1.0, layer.valueAt(96, TestMaps.centreY(1)), 1e-9);
    }

    /**
     * At 3× zoom with the source point (250, 180) at the view origin, view pixel (3k + 1, 3m + 1) has its centre on
     * the centre of source pixel (250 + k, 180 + m); at 0.5× with origin (99.5, 49.5), view pixel (i, j) has its
     * centre on source pixel (100 + 2i, 50 + 2j). Those samples must equal the 1:1 view's exactly.
     */
    @Test
    void samePlacementAtEveryZoom() {
        HeatmapLayer layer = new HeatmapLayer("attention", TestMaps.onePatch(2, 1));
        CapturingCanvas whole = new CapturingCanvas(600, 400);
        layer.paint(whole, IDENTITY);
        CapturingCanvas.Raster a = whole.onlyRaster();

        CapturingCanvas in = new CapturingCanvas(300, 300);
        layer.paint(in, ViewTransform.zoomPan(3, 250, 180));
        CapturingCanvas.Raster b = in.onlyRaster();
        for (int m = 0; m < 100; m++) {
            for (int k = 0; k < 100; k++) {
                assertEquals(a.at(250 + k, 180 + m), b.at(3 * k + 1, 3 * m + 1), "zoom 3 at " + k + "," + m);
            }
        }
        CapturingCanvas out = new CapturingCanvas(250, 175);
        layer.paint(out, ViewTransform.zoomPan(0.5, 99.5, 49.5));
        CapturingCanvas.Raster c = out.onlyRaster();
        for (int j = 0; j < 175; j++) {
            for (int i = 0; i < 250; i++) {
                assertEquals(a.at(100 + 2 * i, 50 + 2 * j), c.at(i, j), "zoom 0.5 at " + i + "," + j);
            }
        }
    }

    /** Zoomed views take the separable fast path, rotated views the per-sample one: both give the same colours. */
    @Test
    void fastAndGeneralPathsAgreeWithTheSampler() {
        HeatmapLayer layer = new HeatmapLayer("attention", TestMaps.onePatch(1, 2));
        layer.setThreshold(0.1);
        ViewTransform zoomed = ViewTransform.zoomPan(1.7, 80, 30);
        ViewTransform rotated = new ViewTransform(0, 1, 0, -1, 0, 400); // 90° clockwise: view is 400 × 600
        for (ViewTransform view : new ViewTransform[] {zoomed, rotated}) {
            CapturingCanvas g = new CapturingCanvas(400, 600);
            layer.paint(g, view);
            CapturingCanvas.Raster r = g.onlyRaster();
            for (int j = 0; j < 600; j += 3) {
                for (int i = 0; i < 400; i += 3) {
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
    void hiDpiCanvasSamplesAtItsPixelScale() {
        HeatmapLayer layer = new HeatmapLayer("attention", TestMaps.onePatch(0, 0));
        CapturingCanvas g = new CapturingCanvas(300, 200, 2);
        layer.paint(g, ViewTransform.zoomPan(0.5, 0, 0));
        CapturingCanvas.Raster r = g.onlyRaster();
        assertEquals(600, r.width());
        assertEquals(400, r.height());
        assertEquals(300, r.w(), 1e-9);
        assertEquals(layer.colourOf(layer.valueAt(TestMaps.centreX(0), TestMaps.centreY(0))),
                r.at((int) TestMaps.centreX(0), (int) TestMaps.centreY(0)));
    }

    @Test
    void thresholdAndOpacity() {
        HeatmapLayer layer = new HeatmapLayer("attention", TestMaps.onePatch(0, 0));
        layer.setColormap(Colormap.GREY);
        layer.setRange(0, 2);
        assertEquals(0xFF808080, layer.colourOf(1.0));
        layer.setOpacity(0.5);
        assertEquals(0x80808080, layer.colourOf(1.0));
        layer.setThreshold(0.75);
        assertEquals(0, layer.colourOf(0.7));
        assertEquals(0x80808080, layer.colourOf(1.0));
        assertEquals(0, layer.colourOf(Double.NaN));
        layer.setAutoRange(true);
        assertEquals(0, layer.rangeMin());
        assertEquals(1, layer.rangeMax());
        assertThrows(IllegalArgumentException.class, () -> layer.setOpacity(1.5));
        assertThrows(IllegalArgumentException.class, () -> layer.setRange(1, 1));
    }

    @Test
    void aFlatMapHighlightsNothing() {
        float[] zeros = new float[9];
        HeatmapLayer layer = new HeatmapLayer("gradcam", new org.raylens.core.result.PatchMap("gradcam", "", 3,
                3, 1, zeros, TestMaps.wideGeometry(), ""));
        assertEquals(Colormap.VIRIDIS.entry(0), layer.colourOf(0));
    }

    @Test
    void hiddenOrTransparentLayersPaintNothing() {
        HeatmapLayer layer = new HeatmapLayer("attention", TestMaps.onePatch(0, 0));
        CapturingCanvas g = new CapturingCanvas(60, 40);
        layer.setVisible(false);
        layer.paint(g, IDENTITY);
        layer.setVisible(true);
        layer.setOpacity(0);
        layer.paint(g, IDENTITY);
        assertTrue(g.rasters.isEmpty());
    }

    static int luma(int argb) {
        return ((argb >> 16) & 0xFF) * 3 + ((argb >> 8) & 0xFF) * 6 + (argb & 0xFF);
    }
}
