package org.raylens.overlays.chart;

import java.util.Objects;
import java.util.Optional;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.Overlay;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * The legend (masks, reference points, thresholds) and the adapter's scores on a light card in the view's bottom-left
 * corner, for an image that must carry them inside its own pixels: a Secondary Capture has no margin beside the panel
 * where a figure puts them. Sized in view units like the colorbar card, so on a capture rendered at a source's full
 * resolution it takes the share of the image it takes on screen. Paints nothing when there is nothing to show or the
 * view is too small for the card.
 */
public final class ResultsCardOverlay implements Overlay {

    static final double CARD_WIDTH_PX = 260;
    static final double MARGIN_PX = 12;
    static final double PADDING_PX = 8;
    static final int CARD_ARGB = 0xF0FFFFFF;

    private final Legend legend;
    private final Optional<ScoresChart> scores;

    public ResultsCardOverlay(Legend legend, Optional<ScoresChart> scores) {
        this.legend = Objects.requireNonNull(legend, "legend");
        this.scores = Objects.requireNonNull(scores, "scores");
    }

    /** True when the card has something to show. */
    public boolean isEmpty() {
        return legend.entries().isEmpty() && scores.isEmpty();
    }

    @Override
    public void paint(OverlayCanvas g, ViewTransform view) {
        if (isEmpty()) {
            return;
        }
        double inner = CARD_WIDTH_PX - 2 * PADDING_PX;
        double legendHeight = legend.entries().isEmpty() ? 0 : legend.height();
        double gap = legendHeight > 0 && scores.isPresent() ? PADDING_PX : 0;
        g.setFontSize(ScoresChart.FONT_PX);
        double scoresHeight = scores.map(s -> s.height(g::textWidth, inner)).orElse(0.0);
        double height = legendHeight + gap + scoresHeight + 2 * PADDING_PX;
        if (g.width() < CARD_WIDTH_PX + 2 * MARGIN_PX || g.height() < height + 2 * MARGIN_PX) {
            return;
        }
        double x = MARGIN_PX;
        double y = g.height() - MARGIN_PX - height;
        g.setFillColor(CARD_ARGB);
        g.fillRect(x, y, CARD_WIDTH_PX, height);
        if (legendHeight > 0) {
            legend.paint(g, x + PADDING_PX, y + PADDING_PX, inner);
        }
        scores.ifPresent(s -> s.paint(g, x + PADDING_PX, y + PADDING_PX + legendHeight + gap, inner));
    }
}
