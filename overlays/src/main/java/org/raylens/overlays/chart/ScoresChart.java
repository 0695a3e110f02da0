package org.raylens.overlays.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * The adapter's outputs as horizontal bars, highest first: the label, a bar over [axisMin, axisMax] (probabilities:
 * [0, 1]), a tick where the threshold is, and the value; rows at or above their threshold are drawn in a strong
 * colour and marked "▲", rows below in grey and marked "▼", rows without a threshold in neutral blue.
 */
public record ScoresChart(String title, List<ScoreRow> rows, double axisMin, double axisMax) {

    static final double ROW_PX = 18;
    public static final double FONT_PX = 11;
    static final double LABEL_FRACTION = 0.42;
    static final int ABOVE_ARGB = 0xFFD9480F;
    static final int BELOW_ARGB = 0xFFADB5BD;
    static final int NEUTRAL_ARGB = 0xFF4263EB;

    public ScoresChart {
        if (!(axisMax > axisMin)) {
            throw new IllegalArgumentException("axis max must exceed min: [" + axisMin + ", " + axisMax + "]");
        }
        rows = sorted(rows);
    }

    /** Scores of probabilities, on a [0, 1] axis. */
    public static ScoresChart probabilities(String title, List<ScoreRow> rows) {
        return new ScoresChart(title, rows, 0, 1);
    }

    /** Rows by score, highest first; ties by label so the order is stable. */
    static List<ScoreRow> sorted(List<ScoreRow> rows) {
        List<ScoreRow> out = new ArrayList<>(rows);
        out.sort(Comparator.comparingDouble(ScoreRow::score).reversed().thenComparing(ScoreRow::label));
        return List.copyOf(out);
    }

    /** The height {@link #paint} needs with a one-line title. */
    public double height() {
        return (rows.size() + 1) * ROW_PX;
    }

    /**
     * The height {@link #paint} needs in {@code width}, the title wrapped as {@code measure} (text width at
     * {@link #FONT_PX}, as the canvas that paints will measure it) breaks it.
     */
    public double height(ToDoubleFunction<String> measure, double width) {
        return (rows.size() + titleLines(measure, width).size()) * ROW_PX;
    }

    /** The title wrapped into {@code width}: the scale ("Probability — …") and the adapter's name both stay. */
    public List<String> titleLines(ToDoubleFunction<String> measure, double width) {
        return TextWrap.lines(title, width, measure);
    }

    public void paint(OverlayCanvas g, double x, double y, double width) {
        g.setFontSize(FONT_PX);
        g.setFillColor(0xFF000000);
        List<String> titleLines = titleLines(g::textWidth, width);
        for (int i = 0; i < titleLines.size(); i++) {
            g.fillText(titleLines.get(i), x, y + FONT_PX + i * ROW_PX, OverlayCanvas.TextAlign.LEFT);
        }
        double labelW = width * LABEL_FRACTION;
        double valueW = 52;
        double barX = x + labelW + 4;
        double barW = Math.max(10, width - labelW - valueW - 8);
        double top = y + titleLines.size() * ROW_PX;
        for (ScoreRow row : rows) {
            double baseline = top + ROW_PX / 2 + FONT_PX * 0.35;
            g.setFillColor(0xFF000000);
            g.fillText(Colorbar.fitted(g, row.label(), labelW), x, baseline, OverlayCanvas.TextAlign.LEFT);
            g.setFillColor(0xFFF1F3F5);
            g.fillRect(barX, top + 3, barW, ROW_PX - 6);
            boolean hasThreshold = !Double.isNaN(row.threshold());
            int colour = !hasThreshold ? NEUTRAL_ARGB : row.above() ? ABOVE_ARGB : BELOW_ARGB;
            g.setFillColor(colour);
            g.fillRect(barX, top + 3, barW * fraction(row.score()), ROW_PX - 6);
            if (hasThreshold) {
                double tx = barX + barW * fraction(row.threshold());
                g.setStrokeColor(0xFF000000);
                g.setLineWidth(1.5);
                g.strokeLine(tx, top + 1, tx, top + ROW_PX - 1);
            }
            g.setFillColor(0xFF000000);
            String mark = !hasThreshold ? "" : row.above() ? " \u25B2" : " \u25BC";
            g.fillText(String.format(Locale.ROOT, "%.3f", row.score()) + mark, x + width, baseline,
                    OverlayCanvas.TextAlign.RIGHT);
            top += ROW_PX;
        }
    }

    private double fraction(double v) {
        return Math.max(0, Math.min(1, (v - axisMin) / (axisMax - axisMin)));
    }
}
