package org.raylens.overlays.layer;

import java.util.Objects;
import org.raylens.inference.explain.PatchMap;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.OverlayCanvas;

/**
 * A three-channel map shown directly as colour: the PCA of patch features, whose first three components become red,
 * green and blue. Each channel is stretched over its own min–max (components have unrelated scales), interpolated
 * between patch centres like {@link HeatmapLayer}, and left transparent where the model did not see the image.
 */
public final class RgbMapLayer extends Layer {

    private PatchMap map;
    private PatchGridSampler sampler;
    private double[][] ranges;

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
        this.sampler = new PatchGridSampler(map);
        this.ranges = new double[][] {sampler.range(0), sampler.range(1), sampler.range(2)};
    }

    /** The opaque colour at a source point before opacity, or 0 where the model did not see it. */
    public int colourAt(double sx, double sy) {
        int argb = 0xFF000000;
        for (int c = 0; c < 3; c++) {
            double v = sampler.sample(sx, sy, c);
            if (Double.isNaN(v)) {
                return 0;
            }
            double span = ranges[c][1] - ranges[c][0];
            double t = span > 0 ? (v - ranges[c][0]) / span : 0.5;
            int level = (int) Math.round(Math.max(0, Math.min(1, t)) * 255);
            argb |= level << (16 - 8 * c);
        }
        return argb;
    }

    @Override
    protected void paintVisible(OverlayCanvas g, ViewTransform view) {
        ViewRaster raster = ViewRaster.of(g, view);
        int[] argb = new int[raster.width() * raster.height()];
        int sw = map.geometry().sourceWidth();
        int sh = map.geometry().sourceHeight();
        for (int j = 0; j < raster.height(); j++) {
            int row = j * raster.width();
            for (int i = 0; i < raster.width(); i++) {
                double sx = raster.sourceX(i, j);
                double sy = raster.sourceY(i, j);
                if (sx >= 0 && sy >= 0 && sx < sw && sy < sh) {
                    int c = colourAt(sx, sy);
                    argb[row + i] = c == 0 ? 0 : faded(c);
                }
            }
        }
        raster.draw(g, argb);
    }
}
