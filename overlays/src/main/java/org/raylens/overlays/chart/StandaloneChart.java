package org.raylens.overlays.chart;

import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * A chart that is a picture of its own (not a part of an image figure), such as the training report's ROC curve:
 * it knows its size in figure units and paints itself from the canvas's origin. The figure exporter writes it the
 * way it writes figures, so charts and figures share one paint path and one atomic writer.
 */
public interface StandaloneChart {

    /** Width in figure units (view pixels at 96 dpi). */
    double width();

    /** Height in figure units. */
    double height();

    /** What the chart shows, one line (the exported file's title). */
    String title();

    /** Lines describing where the chart's data came from (the exported file's description); may be empty. */
    default java.util.List<String> description() {
        return java.util.List.of();
    }

    /** Paints the whole chart, background included, in (0, 0, width, height) of {@code g}. */
    void paint(OverlayCanvas g);
}
