package org.raylens.overlays.chart;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.raylens.core.numeric.Roc;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * One ROC curve for the training report: axes from 0 to 1 with ticks every 0.2 and a light grid, the chance diagonal
 * dashed, the curve as line segments through its points, and a legend with the AUROC ("n/a" when validation held
 * only one class, in which case no curve is drawn) and the class counts.
 *
 * <p>Painted through {@link OverlayCanvas} like the colorbar and the scores chart, so it is exported by the same
 * figure exporter as every other picture. {@value #SIZE} figure units square: a 96-dpi PNG is {@value #SIZE} pixels.
 */
public record RocChart(String label, List<Roc.Point> curve, double auroc, int positives, int negatives)
        implements StandaloneChart {

    public static final double SIZE = 480;
    static final double LEFT = 64;
    static final double RIGHT = 20;
    static final double TOP = 56;
    static final double BOTTOM = 56;
    static final double FONT_PX = 12;
    static final double TITLE_FONT_PX = 14;
    static final double LEGEND_FONT_PX = 13;
    /** The curve's colour (and its legend swatch). */
    public static final int CURVE_ARGB = 0xFF005AB5;
    static final double CURVE_WIDTH = 2.2;
    static final int GRID_ARGB = 0xFFE6E6E6;
    static final int AXIS_ARGB = 0xFF404040;
    static final int CHANCE_ARGB = 0xFF808080;
    private static final double DASH = 6;
    private static final double GAP = 5;

    public RocChart {
        Objects.requireNonNull(label, "label");
        curve = List.copyOf(curve);
    }

    @Override
    public double width() {
        return SIZE;
    }

    @Override
    public double height() {
        return SIZE;
    }

    @Override
    public String title() {
        return "ROC: " + label;
    }

    @Override
    public List<String> description() {
        return List.of(legendText(), countsText());
    }

    /** True when the AUROC is defined (validation held both classes) and a curve is drawn. */
    public boolean defined() {
        return Double.isFinite(auroc);
    }

    /** The legend's first line: "label (AUC = 0.873)", or "(AUC = n/a)". */
    public String legendText() {
        return label + " (AUC = " + (defined() ? String.format(Locale.ROOT, "%.3f", auroc) : "n/a") + ")";
    }

    String countsText() {
        return positives + " positive, " + negatives + " negative";
    }

    /** The plot area {x, y, width, height} in chart units; (fpr, tpr) = (0, 0) is its bottom-left corner. */
    public static double[] plotRect() {
        return new double[] {LEFT, TOP, SIZE - LEFT - RIGHT, SIZE - TOP - BOTTOM};
    }

    /** Where an ROC point lands in chart units: {x, y}. */
    public static double[] at(double fpr, double tpr) {
        double[] r = plotRect();
        return new double[] {r[0] + fpr * r[2], r[1] + r[3] - tpr * r[3]};
    }

    @Override
    public void paint(OverlayCanvas g) {
        double[] r = plotRect();
        double x0 = r[0];
        double y0 = r[1];
        double w = r[2];
        double h = r[3];
        g.setFillColor(0xFFFFFFFF);
        g.fillRect(0, 0, SIZE, SIZE);
        paintAxes(g, x0, y0, w, h);
        paintChance(g);
        if (defined()) {
            g.setStrokeColor(CURVE_ARGB);
            g.setLineWidth(CURVE_WIDTH);
            for (int i = 1; i < curve.size(); i++) {
                double[] a = at(curve.get(i - 1).fpr(), curve.get(i - 1).tpr());
                double[] b = at(curve.get(i).fpr(), curve.get(i).tpr());
                g.strokeLine(a[0], a[1], b[0], b[1]);
            }
        }
        paintLegend(g, x0 + w, y0 + h);
    }

    private void paintAxes(OverlayCanvas g, double x0, double y0, double w, double h) {
        g.setFontSize(FONT_PX);
        g.setLineWidth(1);
        for (int i = 0; i <= 5; i++) {
            double v = i / 5.0;
            double x = x0 + v * w;
            double y = y0 + h - v * h;
            g.setStrokeColor(GRID_ARGB);
            g.strokeLine(x, y0, x, y0 + h);
            g.strokeLine(x0, y, x0 + w, y);
            g.setStrokeColor(AXIS_ARGB);
            g.strokeLine(x, y0 + h, x, y0 + h + 5);
            g.strokeLine(x0 - 5, y, x0, y);
            String t = String.format(Locale.ROOT, "%.1f", v);
            g.setFillColor(AXIS_ARGB);
            g.fillText(t, x, y0 + h + 19, OverlayCanvas.TextAlign.CENTER);
            g.fillText(t, x0 - 9, y + 4, OverlayCanvas.TextAlign.RIGHT);
        }
        g.setStrokeColor(0xFF000000);
        g.strokeRect(x0, y0, w, h);
        g.setFillColor(0xFF000000);
        g.fillText("False positive rate (1 \u2212 specificity)", x0 + w / 2, SIZE - 14, OverlayCanvas.TextAlign.CENTER);
        // The canvas draws no rotated text: the y axis is named above the plot, at its top-left.
        g.fillText("\u2191 True positive rate (sensitivity)", x0, y0 - 8, OverlayCanvas.TextAlign.LEFT);
        g.setFontSize(TITLE_FONT_PX);
        g.fillText(title(), x0, y0 - 30, OverlayCanvas.TextAlign.LEFT);
    }

    /** The chance diagonal, dashed (the canvas strokes plain lines, so dashes are short segments). */
    private static void paintChance(OverlayCanvas g) {
        double[] a = at(0, 0);
        double[] b = at(1, 1);
        double length = Math.hypot(b[0] - a[0], b[1] - a[1]);
        double ux = (b[0] - a[0]) / length;
        double uy = (b[1] - a[1]) / length;
        g.setStrokeColor(CHANCE_ARGB);
        g.setLineWidth(1);
        for (double s = 0; s < length; s += DASH + GAP) {
            double e = Math.min(length, s + DASH);
            g.strokeLine(a[0] + ux * s, a[1] + uy * s, a[0] + ux * e, a[1] + uy * e);
        }
    }

    /** The legend box in the plot's bottom-right corner, where a better-than-chance curve never goes. */
    private void paintLegend(OverlayCanvas g, double right, double bottom) {
        g.setFontSize(LEGEND_FONT_PX);
        String legend = legendText();
        String counts = countsText();
        double lw = Math.max(g.textWidth(legend), g.textWidth(counts)) + 40;
        double lx = right - lw - 8;
        double ly = bottom - 52;
        g.setFillColor(0xFFFFFFFF);
        g.fillRect(lx, ly, lw, 44);
        g.setStrokeColor(0xFF808080);
        g.setLineWidth(1);
        g.strokeRect(lx, ly, lw, 44);
        g.setStrokeColor(CURVE_ARGB);
        g.setLineWidth(CURVE_WIDTH);
        g.strokeLine(lx + 8, ly + 16, lx + 28, ly + 16);
        g.setFillColor(0xFF000000);
        g.fillText(legend, lx + 34, ly + 20, OverlayCanvas.TextAlign.LEFT);
        g.setFillColor(AXIS_ARGB);
        g.fillText(counts, lx + 34, ly + 37, OverlayCanvas.TextAlign.LEFT);
    }
}
