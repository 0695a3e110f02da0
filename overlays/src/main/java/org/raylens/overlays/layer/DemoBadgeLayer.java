package org.raylens.overlays.layer;

import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.Overlay;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * The permanent "DEMO — random weights, not a trained model" badge over every view and export whose results came
 * from the demo encoder. It is deliberately not a {@link Layer}: it cannot be hidden or faded, only switched on or
 * off by whoever knows where the results came from (the app, from the result's provenance).
 */
public final class DemoBadgeLayer implements Overlay {

    public static final String TEXT = "DEMO \u2014 random weights, not a trained model";

    static final double FONT_PX = 14;
    static final double PAD_PX = 6;
    static final double TOP_PX = 8;
    static final int BOX_ARGB = 0xE6B00020;
    static final int TEXT_ARGB = 0xFFFFFFFF;

    private boolean active;

    /** @param active true when the shown results came from the demo encoder */
    public DemoBadgeLayer(boolean active) {
        this.active = active;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    @Override
    public void paint(OverlayCanvas g, ViewTransform view) {
        if (!active) {
            return;
        }
        // Shrinks the text on narrow views rather than dropping it: the badge must always be there.
        double size = FONT_PX;
        g.setFontSize(size);
        double textWidth = g.textWidth(TEXT);
        double available = g.width() - 2 * (PAD_PX + 2);
        if (textWidth > available && textWidth > 0) {
            size = Math.max(6, size * available / textWidth);
            g.setFontSize(size);
            textWidth = g.textWidth(TEXT);
        }
        double boxW = textWidth + 2 * PAD_PX;
        double boxH = size + 2 * PAD_PX;
        double x = (g.width() - boxW) / 2;
        g.setFillColor(BOX_ARGB);
        g.fillRect(x, TOP_PX, boxW, boxH);
        g.setStrokeColor(0xFFFFFFFF);
        g.setLineWidth(1);
        g.strokeRect(x, TOP_PX, boxW, boxH);
        g.setFillColor(TEXT_ARGB);
        g.fillText(TEXT, g.width() / 2, TOP_PX + PAD_PX + size * 0.85, OverlayCanvas.TextAlign.CENTER);
    }
}
