package org.raylens.overlays.layer;

import java.util.stream.IntStream;

/**
 * Fills a {@link ViewRaster} with the colour of a patch map at each sample, in parallel row bands for large views.
 * For the usual axis-aligned view (zoom and pan, flips) the map's interpolation weights are separable: each column's
 * x weights and each row's y weights are computed once, and the per-sample work is one bilinear blend, a threshold
 * test and a table look-up, inlined in one loop (no allocation, no call per sample) — what keeps a full-screen
 * heatmap redraw within a frame.
 */
final class SampledRaster {

    private static final int PARALLEL_THRESHOLD = 1 << 17;
    private static final int ROWS_PER_BAND = 32;

    private SampledRaster() {}

    /**
     * Samples channel 0 of the map at every raster sample and colours it into {@code argb} (at least width × height
     * elements; every one of them is written, so a reused buffer needs no clearing).
     */
    static void fill(ViewRaster raster, PatchGridSampler sampler, int sourceWidth, int sourceHeight,
            ScalarMapLayer.ColourScale scale, int[] argb) {
        int w = raster.width();
        int h = raster.height();
        boolean aligned = raster.view().b() == 0 && raster.view().d() == 0;
        PatchGridSampler.Columns xs = aligned ? sampler.columns(raster, sourceWidth) : null;
        int bands = (h + ROWS_PER_BAND - 1) / ROWS_PER_BAND;
        IntStream stream = IntStream.range(0, bands);
        if ((long) w * h >= PARALLEL_THRESHOLD && Runtime.getRuntime().availableProcessors() > 1) {
            stream = stream.parallel();
        }
        stream.forEach(band -> {
            double[] rowValues = new double[sampler.rowLength()];
            for (int j = band * ROWS_PER_BAND, end = Math.min(h, j + ROWS_PER_BAND); j < end; j++) {
                int row = j * w;
                if (aligned) {
                    sampler.fillRow(xs, raster, j, sourceHeight, argb, row, scale, rowValues);
                } else {
                    for (int i = 0; i < w; i++) {
                        double sx = raster.sourceX(i, j);
                        double sy = raster.sourceY(i, j);
                        boolean inside = sx >= 0 && sy >= 0 && sx < sourceWidth && sy < sourceHeight;
                        argb[row + i] = inside ? scale.colourOf(sampler.sample(sx, sy, 0)) : 0;
                    }
                }
            }
        });
    }
}
