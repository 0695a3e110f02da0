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
        double[] box = bounds(g);
        double size = box[4];
        g.setFontSize(size);
        g.setFillColor(BOX_ARGB);
        g.fillRect(box[0], box[1], box[2], box[3]);
        g.setStrokeColor(0xFFFFFFFF);
        g.setLineWidth(1);
        g.strokeRect(box[0], box[1], box[2], box[3]);
        g.setFillColor(TEXT_ARGB);
        g.fillText(TEXT, g.width() / 2, TOP_PX + PAD_PX + size * 0.85, OverlayCanvas.TextAlign.CENTER);
    }

    /**
     * Where the badge goes on {@code g}: {x, y, width, height, font size}, centred at the top. The text shrinks on
     * narrow views rather than being dropped: the badge must always be there. Leaves {@code g}'s font size set.
     */
    public static double[] bounds(OverlayCanvas g) {
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
        return new double[] {(g.width() - boxW) / 2, TOP_PX, boxW, boxH, size};
    }

    /**
     * The band at the top of {@code g} that other labels keep clear of, whether or not a badge is shown there now
     * (a label's place should not jump when the results change source): {x, y, width, height}.
     */
    public static double[] reservedBand(OverlayCanvas g) {
        double fontSize = g.fontSize();
        double[] box = bounds(g);
        g.setFontSize(fontSize);
        return new double[] {0, 0, g.width(), box[1] + box[3] + 2};
    }
}
