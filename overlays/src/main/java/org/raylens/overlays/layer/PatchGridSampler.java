package org.raylens.overlays.layer;

import org.raylens.inference.explain.MapGeometry;
import org.raylens.inference.explain.PatchMap;

/**
 * Reads a patch map at any source point by bilinear interpolation between patch CENTRES, through the map's
 * {@link MapGeometry} (source → resized → cropped input → patch grid). Points the model did not see (outside the
 * patch grid's area in the input) give NaN: the map is never stretched over them. Between the grid's outermost
 * centres and its edge the value is held at the edge patch's value (clamped interpolation), so a seen point always
 * has a value.
 */
final class PatchGridSampler {

    private final MapGeometry geometry;
    private final float[] values;
    private final int channels;
    private final int rows;
    private final int cols;
    private final double patch;

    PatchGridSampler(PatchMap map) {
        this.geometry = map.geometry();
        this.values = map.values();
        this.channels = map.channels();
        this.rows = map.rows();
        this.cols = map.cols();
        this.patch = geometry.patchSize();
    }

    int channels() {
        return channels;
    }

    /**
     * The interpolated value of {@code channel} at source point (sx, sy), or NaN where the model did not see it.
     */
    double sample(double sx, double sy, int channel) {
        double ix = geometry.sourceToInputX(sx);
        double iy = geometry.sourceToInputY(sy);
        if (!(ix >= 0 && iy >= 0 && ix < cols * patch && iy < rows * patch)) {
            return Double.NaN;
        }
        double gx = clamp(ix / patch - 0.5, cols - 1);
        double gy = clamp(iy / patch - 0.5, rows - 1);
        int x0 = (int) gx;
        int y0 = (int) gy;
        int x1 = Math.min(x0 + 1, cols - 1);
        int y1 = Math.min(y0 + 1, rows - 1);
        double fx = gx - x0;
        double fy = gy - y0;
        double top = value(y0, x0, channel) * (1 - fx) + value(y0, x1, channel) * fx;
        double bottom = value(y1, x0, channel) * (1 - fx) + value(y1, x1, channel) * fx;
        return top * (1 - fy) + bottom * fy;
    }

    /** {min, max} of one channel. */
    double[] range(int channel) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = channel; i < values.length; i += channels) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        return new double[] {min, max};
    }

    private double value(int row, int col, int channel) {
        return values[(row * cols + col) * channels + channel];
    }

    private static double clamp(double v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }
}
