package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.raylens.viewer.fx.PixelReadout;
import org.raylens.viewer.image.VoiWindow;

class StatusFormatTest {

    @Test
    void pixel() {
        assertEquals("x 12  y 7  = -1000 HU", StatusFormat.pixel(new PixelReadout(12, 7, -1000, "HU")));
        assertEquals("x 0  y 0  = 0.25", StatusFormat.pixel(new PixelReadout(0, 0, 0.25, "")));
        assertEquals("x \u2014  y \u2014", StatusFormat.pixel(null));
    }

    @Test
    void window() {
        assertEquals("C 40  W 400 (LUNG)", StatusFormat.window(VoiWindow.linear(40, 400, "LUNG"), false));
        assertEquals("C 2047.5  W 4096  inverted", StatusFormat.window(VoiWindow.linear(2047.5, 4096, ""), true));
        assertEquals("C 1.23  W 3", StatusFormat.window(VoiWindow.linear(1.234, 3, null), false));
    }

    @Test
    void zoom() {
        assertEquals("Zoom 100%", StatusFormat.zoom(1));
        assertEquals("Zoom 27%", StatusFormat.zoom(0.2744));
        assertEquals("Zoom 3.1%", StatusFormat.zoom(0.031));
        assertEquals("Zoom 800%", StatusFormat.zoom(8));
    }
}
