package org.raylens.overlays.layer;

import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * The sampling grid of a raster layer: {@code width × height} samples covering the whole canvas at its pixel scale.
 * Sample (i, j) shows the source point under its centre, {@code view((i + 0.5) / scale, (j + 0.5) / scale)}, the
 * same convention {@code DisplayableImage.render} uses for the image, so a map sample and the image pixel beneath it
 * always come from the same source point.
 */
record ViewRaster(int width, int height, double scale, ViewTransform view, double viewWidth, double viewHeight) {

    static ViewRaster of(OverlayCanvas g, ViewTransform view) {
        double scale = g.pixelScale() > 0 ? g.pixelScale() : 1;
        int w = Math.max(1, (int) Math.ceil(g.width() * scale - 1e-9));
        int h = Math.max(1, (int) Math.ceil(g.height() * scale - 1e-9));
        return new ViewRaster(w, h, scale, view, g.width(), g.height());
    }

    /** Source x under the centre of sample (i, j). */
    double sourceX(int i, int j) {
        return view.toSourceX((i + 0.5) / scale, (j + 0.5) / scale);
    }

    /** Source y under the centre of sample (i, j). */
    double sourceY(int i, int j) {
        return view.toSourceY((i + 0.5) / scale, (j + 0.5) / scale);
    }

    /** Puts the filled raster on the canvas, covering the samples' view area exactly. */
    void draw(OverlayCanvas g, int[] argb) {
        g.drawArgb(argb, width, height, 0, 0, width / scale, height / scale);
    }
}
