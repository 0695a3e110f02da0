package org.raylens.overlays.chart;

import java.util.List;
import java.util.Objects;
import org.raylens.overlays.layer.ScalarMapLayer;
import org.raylens.resources.colormap.Colormap;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * A vertical colorbar: the colormap from its value range's low end (bottom) to its high end (top), ticks on round
 * values with labels on the right, the threshold marked by a line (values below it are not painted on the image,
 * so the part of the bar below the threshold is hatched over), and a title above.
 *
 * <p>Painted through {@link OverlayCanvas} like the layers, so the same colorbar appears in the layers panel and in
 * every exported figure.
 */
public record Colorbar(Colormap colormap, double min, double max, double threshold, String title) {

    /** Width of the colour strip in view pixels; tick labels go to its right. */
    public static final double BAR_WIDTH_PX = 14;
    static final double FONT_PX = 11;
    static final double TITLE_GAP_PX = 6;

    public Colorbar {
        Objects.requireNonNull(colormap, "colormap");
        Objects.requireNonNull(title, "title");
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("colorbar range must be finite: [" + min + ", " + max + "]");
        }
    }

    /** The colorbar of a map layer as it is now (colormap, range, threshold, label). */
    public static Colorbar of(ScalarMapLayer layer) {
        return new Colorbar(layer.colormap(), layer.rangeMin(), layer.rangeMax(), layer.threshold(),
                layer.label());
    }

    /** Most title lines a colorbar gives up its strip for; a longer title ends in an ellipsis. */
    static final int MAX_TITLE_LINES = 8;
    static final double TITLE_LINE_PX = FONT_PX + 2;

    /** The height a one-line title takes above the bar. */
    public static double titleHeight() {
        return titleHeight(1);
    }

    static double titleHeight(int lines) {
        return lines * TITLE_LINE_PX + TITLE_GAP_PX;
    }

    /** The title as painted in {@code width} on {@code g}: wrapped, at most {@link #MAX_TITLE_LINES} lines. */
    public List<String> titleLines(OverlayCanvas g, double width) {
        g.setFontSize(FONT_PX);
        List<String> lines = TextWrap.lines(title, width, g::textWidth);
        if (lines.size() <= MAX_TITLE_LINES) {
            return lines;
        }
        List<String> kept = new java.util.ArrayList<>(lines.subList(0, MAX_TITLE_LINES - 1));
        kept.add(fitted(g, String.join(" ", lines.subList(MAX_TITLE_LINES - 1, lines.size())), width));
        return kept;
    }

    /**
     * Paints the colorbar with its title at the top of the box (x, y, width, height); the strip is
     * {@link #BAR_WIDTH_PX} wide at the left and the tick labels need about 50 px to its right.
     */
    public void paint(OverlayCanvas g, double x, double y, double width, double height) {
        List<String> lines = titleLines(g, width);
        g.setFillColor(0xFF000000);
        for (int i = 0; i < lines.size(); i++) {
            g.fillText(lines.get(i), x, y + FONT_PX + i * TITLE_LINE_PX, OverlayCanvas.TextAlign.LEFT);
        }
        double top = y + titleHeight(lines.size()) + FONT_PX / 2;
        double barH = height - titleHeight(lines.size()) - FONT_PX;
        if (barH < 10) {
            return;
        }
        int[] strip = new int[Colormap.SIZE];
        for (int i = 0; i < Colormap.SIZE; i++) {
            strip[i] = colormap.entry(Colormap.SIZE - 1 - i);
        }
        g.drawArgb(strip, 1, Colormap.SIZE, x, top, BAR_WIDTH_PX, barH);
        boolean flat = !(max > min);
        if (!flat && threshold > min && threshold <= max) {
            double ty = yOf(threshold, top, barH);
            g.setFillColor(0xB0FFFFFF);
            g.fillRect(x, ty, BAR_WIDTH_PX, top + barH - ty);
            g.setStrokeColor(0xFF000000);
            g.setLineWidth(1.5);
            g.strokeLine(x - 3, ty, x + BAR_WIDTH_PX + 3, ty);
        }
        g.setStrokeColor(0xFF000000);
        g.setLineWidth(1);
        g.strokeRect(x, top, BAR_WIDTH_PX, barH);
        List<Double> ticks = flat ? List.of(min) : NiceTicks.between(min, max, Math.max(2, (int) (barH / 40)));
        double step = flat || ticks.size() < 2 ? Math.max(Math.abs(min), 1e-12) : ticks.get(1) - ticks.get(0);
        g.setFillColor(0xFF000000);
        for (double t : ticks) {
            double ty = flat ? top + barH / 2 : yOf(t, top, barH);
            g.strokeLine(x + BAR_WIDTH_PX, ty, x + BAR_WIDTH_PX + 4, ty);
            g.fillText(NiceTicks.label(t, step), x + BAR_WIDTH_PX + 6, ty + FONT_PX * 0.35,
                    OverlayCanvas.TextAlign.LEFT);
        }
    }

    private double yOf(double value, double top, double barH) {
        return top + barH * (1 - (value - min) / (max - min));
    }

    /** The text cut with an ellipsis to fit the width. */
    static String fitted(OverlayCanvas g, String text, double width) {
        if (g.textWidth(text) <= width) {
            return text;
        }
        String t = text;
        while (t.length() > 1 && g.textWidth(t + "\u2026") > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "\u2026";
    }
}
