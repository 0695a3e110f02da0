package org.raylens.overlays.chart;

import java.util.Objects;
import org.raylens.overlays.layer.ScalarMapLayer;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.Overlay;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * The colorbar of one map layer in the viewport's top-right corner, on a light card so it reads over any image.
 * Shown only while the layer is visible; its range, colormap and threshold are read at every paint, so it always
 * agrees with the map under it.
 */
public final class ColorbarOverlay implements Overlay {

    static final double CARD_WIDTH_PX = 140; // room for a wrapped title of a few words a line
    static final double CARD_HEIGHT_PX = 200;
    static final double MARGIN_PX = 12;

    private final ScalarMapLayer layer;
    private java.util.function.BiFunction<OverlayCanvas, ViewTransform, java.util.Optional<double[]>> placer;

    public ColorbarOverlay(ScalarMapLayer layer) {
        this.layer = Objects.requireNonNull(layer, "layer");
    }

    /**
     * Lets the viewport's furniture rule place the card ({x, y, width, height}, or empty where it does not fit clear
     * of the corner text, the letters and the badge) instead of the fixed top-right spot.
     */
    public void placeWith(java.util.function.BiFunction<OverlayCanvas, ViewTransform,
            java.util.Optional<double[]>> placer) {
        this.placer = placer;
    }

    @Override
    public void paint(OverlayCanvas g, ViewTransform view) {
        if (placer != null) {
            if (layer.isVisible()) {
                placer.apply(g, view).ifPresent(b -> paintCard(g, b[0], b[1], b[2], b[3]));
            }
            return;
        }
        if (!layer.isVisible() || g.width() < CARD_WIDTH_PX + 2 * MARGIN_PX
                || g.height() < CARD_HEIGHT_PX + 2 * MARGIN_PX) {
            return;
        }
        double x = g.width() - CARD_WIDTH_PX - MARGIN_PX;
        double y = MARGIN_PX + 40; // below the demo badge, which sits top-centre
        paintCard(g, x, y, CARD_WIDTH_PX, CARD_HEIGHT_PX);
    }

    private void paintCard(OverlayCanvas g, double x, double y, double w, double h) {
        g.setFillColor(0xD8FFFFFF);
        g.fillRect(x, y, w, h);
        Colorbar.of(layer).paint(g, x + 8, y + 6, w - 16, h - 12);
    }
}
