package org.raylens.overlays.layer;

import java.util.Objects;
import org.raylens.core.result.PatchMap;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * A three-channel map shown directly as colour: the PCA of patch features, whose first three components become red,
 * green and blue. Each channel is stretched over its own min–max (components have unrelated scales), interpolated
 * between patch centres like {@link HeatmapLayer}, and left transparent where the model did not see the image.
 */
public final class RgbMapLayer extends Layer implements PatchCells {

    private PatchMap map;
    private PatchGridSampler sampler;
    private boolean patchCells;
    private double[][] ranges;
    /** 255 / (max − min) per channel, 0 for a flat channel. */
    private double[] levelsPerUnit;
    private final RasterBuffer buffer = new RasterBuffer();

    public RgbMapLayer(String label, PatchMap map) {
        super(label);
        setMap(map);
    }

    public PatchMap map() {
        return map;
    }

    public void setMap(PatchMap map) {
        if (Objects.requireNonNull(map, "map").channels() != 3) {
            throw new IllegalArgumentException("an RGB map needs 3 channels; " + map.method() + " has "
                    + map.channels());
        }
        this.map = map;
        this.sampler = new PatchGridSampler(map, patchCells);
        this.ranges = new double[][] {sampler.range(0), sampler.range(1), sampler.range(2)};
        this.levelsPerUnit = new double[3];
        for (int c = 0; c < 3; c++) {
            double span = ranges[c][1] - ranges[c][0];
            levelsPerUnit[c] = span > 0 ? 255 / span : 0;
        }
    }

    /** The opaque colour at a source point before opacity, or 0 where the model did not see it. */
    public int colourAt(double sx, double sy) {
        int argb = 0xFF000000;
        for (int c = 0; c < 3; c++) {
            double v = sampler.sample(sx, sy, c);
            if (Double.isNaN(v)) {
                return 0;
            }
            argb |= level(v, c) << (16 - 8 * c);
        }
        return argb;
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
        int w = raster.width();
        int[] argb = buffer.take(w * raster.height());
        int sw = map.geometry().sourceWidth();
        int sh = map.geometry().sourceHeight();
        try {
            // every element written (a reused buffer), rows in parallel bands for a full-screen view
            boolean aligned = view.b() == 0 && view.d() == 0;
            PatchGridSampler.Columns xs = aligned ? sampler.columns(raster, sw) : null;
            RowBands.forEachRow(w, raster.height(), j -> {
                int row = j * w;
                if (aligned) {
                    fillRow(xs, raster, j, sh, argb, row);
                    return;
                }
                for (int i = 0; i < w; i++) {
                    double sx = raster.sourceX(i, j);
                    double sy = raster.sourceY(i, j);
                    int c = sx >= 0 && sy >= 0 && sx < sw && sy < sh ? colourAt(sx, sy) : 0;
                    argb[row + i] = c == 0 ? 0 : faded(c);
                }
            });
            raster.draw(g, argb);
        } finally {
            buffer.release(argb);
        }
    }

    /**
     * One row of an axis-aligned view: the separable weights and the row blend come from the sampler, so each sample
     * is three lerps; the arithmetic per channel is {@link #colourAt}'s, so both give the same colour.
     */
    private void fillRow(PatchGridSampler.Columns xs, ViewRaster raster, int j, int sourceHeight, int[] out,
            int offset) {
        int width = xs.lo().length;
        double[] r = new double[sampler.rowLength()];
        if (!sampler.blendRow(raster, j, sourceHeight, r)) {
            java.util.Arrays.fill(out, offset, offset + width, 0);
            return;
        }
        int[] lo = xs.lo();
        int[] hi = xs.hi();
        double[] keep = xs.keep();
        double[] frac = xs.frac();
        int alpha = faded(0xFF000000) & 0xFF000000; // every colour is opaque before fading: one alpha for the row
        for (int i = 0; i < width; i++) {
            int x0 = lo[i];
            int colour = 0;
            if (x0 >= 0) {
                colour = 0xFF000000;
                for (int c = 0; c < 3; c++) {
                    double v = r[x0 + c] * keep[i] + r[hi[i] + c] * frac[i];
                    if (Double.isNaN(v)) {
                        colour = 0;
                        break;
                    }
                    colour |= level(v, c) << (16 - 8 * c);
                }
            }
            out[offset + i] = colour == 0 ? 0 : alpha | (colour & 0xFFFFFF);
        }
    }

    /**
     * Channel c's value stretched over its range to 0–255, rounded to nearest (128, the middle, for a flat
     * channel). One multiply per channel: the readout and the paint both come here, so they agree exactly.
     */
    private int level(double v, int c) {
        double perUnit = levelsPerUnit[c];
        if (perUnit == 0) {
            return 128;
        }
        double x = (v - ranges[c][0]) * perUnit;
        return x <= 0 ? 0 : x >= 255 ? 255 : (int) (x + 0.5);
    }
}
