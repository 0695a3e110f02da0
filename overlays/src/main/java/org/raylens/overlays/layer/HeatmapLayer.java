package org.raylens.overlays.layer;

import java.util.Objects;
import org.raylens.core.result.PatchMap;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * A scalar explanation map (attention, rollout, click-a-patch, Grad-CAM) drawn over the image: bilinear between patch
 * centres, placed through the map's geometry, coloured by the layer's colormap over its range, transparent below the
 * threshold and wherever the model did not see the image.
 *
 * <p>The map is sampled afresh for every canvas pixel under the current view, so it follows zoom and pan exactly and
 * is as sharp on an export at 300 dpi as on screen. A redraw costs the view's pixels: the automatic range and the
 * colour table are kept until the map or a setting changes, the view-size raster is reused, and the per-sample work
 * is one separable bilinear blend and a table look-up, split into row bands across cores.
 */
public final class HeatmapLayer extends ScalarMapLayer implements PatchCells {

    private PatchMap map;
    private PatchGridSampler sampler;
    private boolean patchCells;
    /** {min, max} of the map, computed once per {@link #setMap}: the automatic range is read, never recomputed. */
    private double[] dataRange;
    private final RasterBuffer buffer = new RasterBuffer();

    public HeatmapLayer(String label, PatchMap map) {
        super(label);
        setMap(map);
    }

    public PatchMap map() {
        return map;
    }

    /** Replaces the map (a new click, layer or class); an automatic range follows the new data. */
    public void setMap(PatchMap map) {
        if (Objects.requireNonNull(map, "map").channels() != 1) {
            throw new IllegalArgumentException("a heatmap needs a 1-channel map; " + map.method() + " has "
                    + map.channels() + " channels (use RgbMapLayer)");
        }
        this.map = map;
        this.sampler = new PatchGridSampler(map, patchCells);
        this.dataRange = sampler.range(0);
    }

    @Override
    protected double[] dataRange() {
        return dataRange.clone();
    }

    /** The interpolated map value at a source point, or NaN where the model did not see it (for a readout). */
    public double valueAt(double sourceX, double sourceY) {
        return sampler.sample(sourceX, sourceY, 0);
    }

    @Override
    public boolean showsPatchCells() {
        return patchCells;
    }

    /** Raw patch cells (nearest neighbour on the model's grid) instead of the smooth map; readouts follow. */
    @Override
    public void setShowPatchCells(boolean cells) {
        if (cells != patchCells) {
            patchCells = cells;
            sampler = new PatchGridSampler(map, cells);
        }
    }

    @Override
    protected void paintVisible(OverlayCanvas g, ViewTransform view) {
        ViewRaster raster = ViewRaster.of(g, view);
        int[] argb = buffer.take(raster.width() * raster.height());
        try {
            SampledRaster.fill(raster, sampler, map.geometry().sourceWidth(), map.geometry().sourceHeight(),
                    colourScale(), argb);
            raster.draw(g, argb);
        } finally {
            buffer.release(argb);
        }
    }
}
