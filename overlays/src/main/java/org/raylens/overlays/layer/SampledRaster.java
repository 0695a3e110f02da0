package org.raylens.overlays.layer;

/**
 * Fills a {@link ViewRaster} with the colour of a patch map at each sample, in parallel row bands for large views.
 * For the usual axis-aligned view (zoom and pan, flips) the map's interpolation weights are separable: each column's
 * x weights and each row's y weights are computed once, and the per-sample work is one bilinear blend, a threshold
 * test and a table look-up, inlined in one loop (no allocation, no call per sample) — what keeps a full-screen
 * heatmap redraw within a frame.
 */
final class SampledRaster {

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
        RowBands.forEachRow(w, h, j -> {
            int row = j * w;
            if (aligned) {
                sampler.fillRow(xs, raster, j, sourceHeight, argb, row, scale, new double[sampler.rowLength()]);
            } else {
                for (int i = 0; i < w; i++) {
                    double sx = raster.sourceX(i, j);
                    double sy = raster.sourceY(i, j);
                    boolean inside = sx >= 0 && sy >= 0 && sx < sourceWidth && sy < sourceHeight;
                    argb[row + i] = inside ? scale.colourOf(sampler.sample(sx, sy, 0)) : 0;
                }
            }
        });
    }
}
