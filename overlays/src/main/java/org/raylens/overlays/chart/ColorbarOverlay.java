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

    public ColorbarOverlay(ScalarMapLayer layer) {
        this.layer = Objects.requireNonNull(layer, "layer");
    }

    @Override
    public void paint(OverlayCanvas g, ViewTransform view) {
        if (!layer.isVisible() || g.width() < CARD_WIDTH_PX + 2 * MARGIN_PX
                || g.height() < CARD_HEIGHT_PX + 2 * MARGIN_PX) {
            return;
        }
        double x = g.width() - CARD_WIDTH_PX - MARGIN_PX;
        double y = MARGIN_PX + 40; // below the demo badge, which sits top-centre
        g.setFillColor(0xD8FFFFFF);
        g.fillRect(x, y, CARD_WIDTH_PX, CARD_HEIGHT_PX);
        Colorbar.of(layer).paint(g, x + 8, y + 6, CARD_WIDTH_PX - 16, CARD_HEIGHT_PX - 12);
    }
}
