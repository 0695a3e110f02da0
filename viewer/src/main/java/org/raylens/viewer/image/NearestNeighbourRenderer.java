package org.raylens.viewer.image;

import java.util.stream.IntStream;

/**
 * Fills a view buffer from a source image by nearest-neighbour sampling through a {@link ViewTransform}: each
 * destination pixel centre is mapped to the source and the pixel it lands in is looked up, through a LUT (indexed
 * images: stored value → ARGB) or directly (ARGB images). The cost is the destination's pixel count, not the
 * source's. For the common axis-aligned view the source column of each destination column is computed once per
 * call, so the inner loop is two array reads; large views are split into row bands across the common pool.
 */
final class NearestNeighbourRenderer {
    /** Below this many destination pixels the fork/join overhead is not worth it. */
    private static final int PARALLEL_THRESHOLD = 1 << 17;
    private static final int ROWS_PER_BAND = 32;

    private NearestNeighbourRenderer() {}

    /** Renders an indexed source: dst = lut[(src − domain.min) >>> domain.shift]. */
    static void renderIndexed(int[] src, int width, int height, StoredDomain domain, int[] lut, ViewTransform view,
            int[] dst, int dstWidth, int dstHeight, int background) {
        render(src, width, height, domain.min(), domain.shift(), lut, view, dst, dstWidth, dstHeight, background);
    }

    /** Renders an ARGB source as is. */
    static void renderDirect(int[] argb, int width, int height, ViewTransform view, int[] dst, int dstWidth,
            int dstHeight, int background) {
        render(argb, width, height, 0, 0, null, view, dst, dstWidth, dstHeight, background);
    }

    private static void render(int[] src, int width, int height, int min, int shift, int[] lut, ViewTransform view,
            int[] dst, int dstWidth, int dstHeight, int background) {
        if (dst.length < (long) dstWidth * dstHeight) {
            throw new IllegalArgumentException("destination holds " + dst.length + " pixels, view needs "
                    + (long) dstWidth * dstHeight);
        }
        boolean axisAligned = view.b() == 0 && view.d() == 0;
        int[] columns = axisAligned ? columnTable(view, width, dstWidth) : null;
        int bands = (dstHeight + ROWS_PER_BAND - 1) / ROWS_PER_BAND;
        IntStream stream = IntStream.range(0, bands);
        if ((long) dstWidth * dstHeight >= PARALLEL_THRESHOLD && Runtime.getRuntime().availableProcessors() > 1) {
            stream = stream.parallel();
        }
        stream.forEach(band -> {
            int y0 = band * ROWS_PER_BAND;
            int y1 = Math.min(dstHeight, y0 + ROWS_PER_BAND);
            for (int dy = y0; dy < y1; dy++) {
                if (axisAligned) {
                    alignedRow(src, width, height, min, shift, lut, view, columns, dst, dstWidth, dy, background);
                } else {
                    generalRow(src, width, height, min, shift, lut, view, dst, dstWidth, dy, background);
                }
            }
        });
    }

    /** Source column for each destination column, or −1 outside the image. */
    private static int[] columnTable(ViewTransform view, int width, int dstWidth) {
        int[] columns = new int[dstWidth];
        for (int dx = 0; dx < dstWidth; dx++) {
            double sx = Math.floor(view.a() * (dx + 0.5) + view.c());
            columns[dx] = sx >= 0 && sx < width ? (int) sx : -1;
        }
        return columns;
    }

    private static void alignedRow(int[] src, int width, int height, int min, int shift, int[] lut,
            ViewTransform view, int[] columns, int[] dst, int dstWidth, int dy, int background) {
        int out = dy * dstWidth;
        double sy = Math.floor(view.e() * (dy + 0.5) + view.f());
        if (!(sy >= 0 && sy < height)) {
            java.util.Arrays.fill(dst, out, out + dstWidth, background);
            return;
        }
        int rowStart = (int) sy * width;
        if (lut != null) {
            for (int dx = 0; dx < dstWidth; dx++) {
                int col = columns[dx];
                dst[out + dx] = col < 0 ? background : lut[(src[rowStart + col] - min) >>> shift];
            }
        } else {
            for (int dx = 0; dx < dstWidth; dx++) {
                int col = columns[dx];
                dst[out + dx] = col < 0 ? background : src[rowStart + col];
            }
        }
    }

    private static void generalRow(int[] src, int width, int height, int min, int shift, int[] lut,
            ViewTransform view, int[] dst, int dstWidth, int dy, int background) {
        int out = dy * dstWidth;
        double vy = dy + 0.5;
        for (int dx = 0; dx < dstWidth; dx++) {
            double vx = dx + 0.5;
            double sx = Math.floor(view.a() * vx + view.b() * vy + view.c());
            double sy = Math.floor(view.d() * vx + view.e() * vy + view.f());
            if (sx >= 0 && sx < width && sy >= 0 && sy < height) {
                int v = src[(int) sy * width + (int) sx];
                dst[out + dx] = lut != null ? lut[(v - min) >>> shift] : v;
            } else {
                dst[out + dx] = background;
            }
        }
    }
}
