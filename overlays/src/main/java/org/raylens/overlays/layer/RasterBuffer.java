package org.raylens.overlays.layer;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A layer's reusable view-size {@code int[]}: a full-screen raster is 6 MB, and allocating (and zeroing) one per
 * redraw costs as much as sampling it. Canvases copy a raster in {@code drawArgb} before returning (FX into its
 * image, Graphics2D into a BufferedImage, SVG into a PNG), so the array is free again once the paint returns.
 *
 * <p>Safe when an export paints on a background thread while the screen repaints: a paint takes the spare array
 * for itself, and a concurrent paint that finds none allocates its own. Contents are NOT cleared: users write
 * every element.
 */
final class RasterBuffer {

    private final AtomicReference<int[]> spare = new AtomicReference<>();

    /** An array of exactly {@code length} elements with arbitrary contents, owned by the caller until {@link #release}. */
    int[] take(int length) {
        int[] a = spare.getAndSet(null);
        return a != null && a.length == length ? a : new int[length];
    }

    /** Hands an array back for the next paint. */
    void release(int[] a) {
        spare.set(a);
    }
}
