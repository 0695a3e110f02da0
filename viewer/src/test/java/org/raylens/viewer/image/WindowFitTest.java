package org.raylens.viewer.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WindowFitTest {

    /** A DX-like frame whose values lie at 35 000–37 000 (a smooth ramp with some texture). */
    static int[] dxValues(int w, int h) {
        int[] v = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = 35_000 + (x * 2000) / w + ((x * 7 + y * 13) % 11);
            }
        }
        return v;
    }

    static GreyscaleImage dx(VoiWindow stored) {
        return new GreyscaleImage(400, 300, dxValues(400, 300), false,
                new GreyscalePipeline(ModalityLut.IDENTITY, false, Map.of()), List.of(stored), null);
    }

    private static final WindowFit.GreyLevel LINEAR = (m, w) -> VoiTransfer.toByte(VoiTransfer.apply(w, m));

    @Test
    void aStoredWindowBelowEveryValueIsReplacedByAHistogramWindow() {
        double[] values = java.util.Arrays.stream(dxValues(400, 300)).asDoubleStream().toArray();
        VoiWindow stored = VoiWindow.linear(2725, 5310, "Window 1");
        assertEquals(1.0, WindowFit.clippedFraction(values, stored, LINEAR), 1e-12, "all white");
        WindowFit.Choice c = WindowFit.choose(values, stored, LINEAR);
        assertTrue(c.replaced());
        assertTrue(c.note().startsWith("stored window C2725/W5310 does not fit the pixel values"), c.note());
        assertTrue(c.note().endsWith("using a histogram window"), c.note());
        VoiWindow h = c.window();
        assertTrue(h.center() > 35_500 && h.center() < 36_500, "centre " + h.center());
        assertTrue(h.width() > 1500 && h.width() < 2100, "width " + h.width());
        assertTrue(WindowFit.clippedFraction(values, h, LINEAR) < 0.05);
    }

    @Test
    void aWindowThatShowsTheFrameIsKept() {
        double[] values = java.util.Arrays.stream(dxValues(200, 100)).asDoubleStream().toArray();
        VoiWindow good = VoiWindow.linear(36_000, 2_400, "Window 1");
        WindowFit.Choice c = WindowFit.choose(values, good, LINEAR);
        assertSame(good, c.window());
        assertNull(c.note());
        // Narrow but still showing about 2 % of the pixels between the ends: kept, the file's choice stands.
        VoiWindow narrow = VoiWindow.linear(35_000 + 40, 60, "narrow");
        assertFalse(WindowFit.choose(values, narrow, LINEAR).replaced());
    }

    @Test
    void aFlatFrameKeepsItsWindowSinceNoWindowShowsMore() {
        double[] flat = new double[1000];
        java.util.Arrays.fill(flat, 500);
        VoiWindow stored = VoiWindow.linear(40, 80, "Window 1");
        assertFalse(WindowFit.choose(flat, stored, LINEAR).replaced());
    }

    @Test
    void theImageOpensWithTheHistogramWindowAndItsThumbnailIsNotBlank() {
        GreyscaleImage image = dx(VoiWindow.linear(2725, 5310, "Window 1"));
        VoiWindow opened = image.defaultWindow();
        assertEquals("Histogram 0.5\u201399.5 %", opened.name());
        assertTrue(image.defaultWindowNote().contains("C2725/W5310"), image.defaultWindowNote());
        assertEquals("Window 1", image.presets().get(0).name(), "the file's window is still offered");
        // What the browser's thumbnail does: render the whole frame small at the default window.
        int[] thumb = new int[48 * 36];
        image.render(image.defaultWindow(), false, ViewTransform.zoomPan(0.12, 0, 0), thumb, 48, 36, 0xFF000000);
        Set<Integer> greys = new HashSet<>();
        for (int p : thumb) {
            greys.add(p & 0xFF);
        }
        assertTrue(greys.size() > 20, "the thumbnail shows the ramp, not one white: " + greys.size() + " levels");

        GreyscaleImage fine = dx(VoiWindow.linear(36_000, 2_400, "Window 1"));
        assertEquals("Window 1", fine.defaultWindow().name());
        assertNull(fine.defaultWindowNote());
    }

    @Test
    void theRealJpeg2000DxWhoseWindowMissesItsValuesIsNotWhite() throws Exception {
        try (OpenedImage opened = new ImageOpener().open(SharedData.file("cxr/dicom/DX_J2K_0Padding.dcm"))) {
            GreyscaleImage image = (GreyscaleImage) opened.frame(0);
            VoiWindow stored = image.presets().get(0);
            assertEquals(2725, stored.center(), 1e-9);
            assertEquals(5310, stored.width(), 1e-9);
            assertEquals("Histogram 0.5\u201399.5 %", image.defaultWindow().name(), image.defaultWindowNote());
            assertTrue(image.defaultWindowNote().startsWith("stored window C2725/W5310 does not fit"));
            int w = 256;
            int h = (int) Math.round(256.0 * image.height() / image.width());
            double scale = 256.0 / image.width();
            int[] white = new int[w * h];
            int[] shown = new int[w * h];
            image.render(stored, false, ViewTransform.zoomPan(scale, 0, 0), white, w, h, 0xFF000000);
            image.render(image.defaultWindow(), false, ViewTransform.zoomPan(scale, 0, 0), shown, w, h, 0xFF000000);
            assertTrue(java.util.Arrays.stream(white).map(p -> p & 0xFF).filter(g -> g == 255).count() > 0.99 * w * h,
                    "the stored window paints it white");
            assertTrue(java.util.Arrays.stream(shown).map(p -> p & 0xFF).distinct().count() > 100,
                    "the histogram window shows the radiograph");
            if (System.getProperty("raylens.screenshots") != null) {
                var png = new java.awt.image.BufferedImage(2 * w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
                png.setRGB(0, 0, w, h, white, 0, w);
                png.setRGB(w, 0, w, h, shown, 0, w);
                javax.imageio.ImageIO.write(png, "png", new java.io.File("/tmp/h4-dx-j2k-window.png"));
            }
        }
    }
}
