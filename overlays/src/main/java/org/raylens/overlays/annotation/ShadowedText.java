package org.raylens.overlays.annotation;

import org.raylens.viewer.overlay.OverlayCanvas;

/** Text with a one-pixel dark shadow, readable over a white lung field and a black background alike. */
final class ShadowedText {

    static final int TEXT_COLOR = 0xFFFFFFFF;
    static final int SHADOW_COLOR = 0xD0000000;

    private ShadowedText() {
    }

    static void draw(OverlayCanvas g, String text, double x, double y, OverlayCanvas.TextAlign align, int colour) {
        g.setFillColor(SHADOW_COLOR);
        g.fillText(text, x + 1, y + 1, align);
        g.setFillColor(colour);
        g.fillText(text, x, y, align);
    }
}
