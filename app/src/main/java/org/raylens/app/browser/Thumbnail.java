package org.raylens.app.browser;

import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ViewTransform;

/** A small ARGB rendering of an image at its default window, fitted into a square, for the browser's rows. */
public record Thumbnail(int width, int height, int[] argb) {

    /** Edge of the square thumbnails fit in, in pixels. */
    public static final int SIZE = 48;

    /** Renders {@code image} fitted into {@code size × size}, keeping its aspect ratio. */
    public static Thumbnail of(DisplayableImage image, int size) {
        double scale = Math.min(size / (double) image.width(), size / (double) image.height());
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        int[] argb = new int[w * h];
        // Nearest neighbour from a large image would alias badly, but a 48-pixel preview only needs to be
        // recognisable; rendering through the image's own pipeline keeps its window and photometric right.
        image.render(image.defaultWindow(), false, ViewTransform.zoomPan(scale, 0, 0), argb, w, h, 0xFF000000);
        return new Thumbnail(w, h, argb);
    }
}
