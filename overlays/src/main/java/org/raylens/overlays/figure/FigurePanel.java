package org.raylens.overlays.figure;

import java.util.List;
import java.util.Objects;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.image.VoiWindow;
import org.raylens.viewer.overlay.Overlay;

/**
 * One image of a figure exactly as a viewport shows it: the image with its window, inversion and view transform at a
 * view size, and the overlays painted over it in order. The app builds it from the live viewport's state, so the
 * exported panel is the same render and the same overlay paint calls as the screen.
 *
 * @param window the VOI window (ignored for colour images; null only for colour images)
 */
public record FigurePanel(String title, DisplayableImage image, VoiWindow window, boolean invert, ViewTransform view,
        int width, int height, List<Overlay> overlays) {

    public FigurePanel {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(view, "view");
        if (window == null && !image.isColor()) {
            throw new IllegalArgumentException("a greyscale panel needs a VOI window");
        }
        if (width < 1 || height < 1 || width > 20_000 || height > 20_000) {
            throw new IllegalArgumentException("panel size must be 1–20000 view pixels: " + width + "×" + height);
        }
        overlays = List.copyOf(overlays);
    }

    /**
     * A panel showing the whole image fitted into {@code maxWidth × maxHeight} (aspect kept), for figures made
     * without a viewport (CLI, batch).
     */
    public static FigurePanel fitted(String title, DisplayableImage image, VoiWindow window, int maxWidth,
            int maxHeight, List<Overlay> overlays) {
        double scale = Math.min(maxWidth / (double) image.width(), maxHeight / (double) image.height());
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        ViewTransform view = new ViewTransform(image.width() / (double) w, 0, 0, 0, image.height() / (double) h, 0);
        return new FigurePanel(title, image, window, false, view, w, h, overlays);
    }
}
