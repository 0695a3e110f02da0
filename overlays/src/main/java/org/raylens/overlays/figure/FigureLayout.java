package org.raylens.overlays.figure;

import java.util.ArrayList;
import java.util.List;
import org.raylens.overlays.chart.ScoresChart;

/**
 * Where each part of a figure goes, in figure units (view pixels; 1 unit = 1/96 inch, so a 96-dpi export is 1:1
 * with the screen). Panels sit in a row under an optional patient line, each under its title; colorbars, legend
 * and scores stack in a column to the right; the provenance footer spans the width below everything.
 */
public record FigureLayout(double width, double height, double[] patientLine, List<double[]> panelRects,
        List<double[]> titleBaselines, List<double[]> colorbarRects, double[] legendRect, double[] scoresRect,
        double footerTop, List<String> footerLines) {

    public static final double MARGIN = 16;
    public static final double GAP = 14;
    public static final double TITLE_FONT = 13;
    public static final double TITLE_HEIGHT = 22;
    public static final double HEADER_FONT = 12;
    public static final double FOOTER_FONT = 10;
    public static final double FOOTER_LINE = 13;
    public static final double SIDE_WIDTH = 240;
    public static final double STACKED_COLORBAR_HEIGHT = 150;
    public static final double COLORBAR_HEIGHT = 220;

    public static FigureLayout of(Figure figure) {
        double y = MARGIN;
        double[] patientLine = null;
        if (figure.patientLine() != null) {
            patientLine = new double[] {MARGIN, y + HEADER_FONT};
            y += HEADER_FONT + 10;
        }
        double x = MARGIN;
        double panelsBottom = y;
        List<double[]> panels = new ArrayList<>();
        List<double[]> titles = new ArrayList<>();
        for (FigurePanel p : figure.panels()) {
            titles.add(new double[] {x, y + TITLE_FONT});
            panels.add(new double[] {x, y + TITLE_HEIGHT, p.width(), p.height()});
            panelsBottom = Math.max(panelsBottom, y + TITLE_HEIGHT + p.height());
            x += p.width() + GAP;
        }
        double contentRight = x - GAP;

        boolean hasSide = !figure.colorbars().isEmpty() || figure.legend() != null || figure.scores() != null;
        double sideBottom = y;
        List<double[]> colorbars = new ArrayList<>();
        double[] legendRect = null;
        double[] scoresRect = null;
        if (hasSide) {
            double sx = contentRight + GAP + 6;
            double sy = y + TITLE_HEIGHT;
            // One colorbar per row, the side column wide, so each keeps its full title; shorter when stacked.
            double barHeight = figure.colorbars().size() == 1 ? COLORBAR_HEIGHT : STACKED_COLORBAR_HEIGHT;
            for (int i = 0; i < figure.colorbars().size(); i++) {
                colorbars.add(new double[] {sx, sy, SIDE_WIDTH, barHeight});
                sy += barHeight + GAP;
            }
            if (figure.legend() != null && !figure.legend().entries().isEmpty()) {
                legendRect = new double[] {sx, sy, SIDE_WIDTH, figure.legend().height()};
                sy += figure.legend().height() + GAP;
            }
            if (figure.scores() != null) {
                double scoresHeight = figure.scores().height(t -> TextMetrics.width(t, ScoresChart.FONT_PX),
                        SIDE_WIDTH);
                scoresRect = new double[] {sx, sy, SIDE_WIDTH, scoresHeight};
                sy += scoresHeight + GAP;
            }
            sideBottom = sy - GAP;
            contentRight = sx + SIDE_WIDTH;
        }
        double width = Math.ceil(contentRight + MARGIN);
        double footerTop = Math.max(panelsBottom, sideBottom) + GAP;
        List<String> footer = new ArrayList<>();
        for (String line : figure.provenance().lines()) {
            footer.addAll(TextMetrics.wrap(line, FOOTER_FONT, width - 2 * MARGIN));
        }
        double height = Math.ceil(footerTop + footer.size() * FOOTER_LINE + MARGIN);
        return new FigureLayout(width, height, patientLine, panels, titles, colorbars, legendRect, scoresRect,
                footerTop, footer);
    }

    /** Height of the figure without its footer (the PDF exporter sets the footer as real text). */
    public double heightWithoutFooter() {
        return Math.ceil(footerTop);
    }
}
