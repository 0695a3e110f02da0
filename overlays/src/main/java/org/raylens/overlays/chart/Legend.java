package org.raylens.overlays.chart;

import java.util.List;
import org.raylens.viewer.overlay.OverlayCanvas;

/** A list of legend entries, one per line, painted through {@link OverlayCanvas}. */
public record Legend(List<LegendEntry> entries) {

    static final double LINE_PX = 18;
    static final double SWATCH_PX = 12;
    static final double FONT_PX = 11;

    public Legend {
        entries = List.copyOf(entries);
    }

    /** The height {@link #paint} needs. */
    public double height() {
        return entries.size() * LINE_PX;
    }

    public void paint(OverlayCanvas g, double x, double y, double width) {
        g.setFontSize(FONT_PX);
        double top = y;
        for (LegendEntry e : entries) {
            double sy = top + (LINE_PX - SWATCH_PX) / 2;
            switch (e.swatch()) {
                case FILL -> {
                    g.setFillColor(e.argb());
                    g.fillRect(x, sy, SWATCH_PX, SWATCH_PX);
                }
                case OUTLINE -> {
                    g.setStrokeColor(e.argb() | 0xFF000000);
                    g.setLineWidth(2);
                    g.strokeRect(x + 1, sy + 1, SWATCH_PX - 2, SWATCH_PX - 2);
                }
                case HATCHED -> {
                    g.setFillColor(0xFF707070);
                    g.fillRect(x, sy, SWATCH_PX, SWATCH_PX);
                    g.setStrokeColor(0xFFFFFFFF);
                    g.setLineWidth(1);
                    for (double k = 4; k < 2 * SWATCH_PX; k += 4) {
                        double xa = Math.max(0, k - SWATCH_PX);
                        double xb = Math.min(SWATCH_PX, k);
                        g.strokeLine(x + xa, sy + k - xa, x + xb, sy + k - xb);
                    }
                }
                case MARKER -> {
                    g.setStrokeColor(e.argb() | 0xFF000000);
                    g.setLineWidth(1.5);
                    g.strokeOval(x + 1, sy + 1, SWATCH_PX - 2, SWATCH_PX - 2);
                }
            }
            g.setStrokeColor(0xFF000000);
            g.setFillColor(0xFF000000);
            g.fillText(Colorbar.fitted(g, e.text(), width - SWATCH_PX - 6), x + SWATCH_PX + 6,
                    top + LINE_PX / 2 + FONT_PX * 0.35, OverlayCanvas.TextAlign.LEFT);
            top += LINE_PX;
        }
    }
}
