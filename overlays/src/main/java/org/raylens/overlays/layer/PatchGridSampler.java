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

    /**
     * Interpolation weights along one axis of an axis-aligned raster: for sample k, the two grid indices, the weight
     * of the second, and whether the point is inside both the image and the seen area.
     */
    record Axis(int[] lo, int[] hi, double[] frac, boolean[] seen) {}

    /** The x weights of every raster column (the view must be axis-aligned: b = d = 0). */
    Axis columns(ViewRaster raster, int sourceWidth) {
        int n = raster.width();
        Axis axis = new Axis(new int[n], new int[n], new double[n], new boolean[n]);
        for (int i = 0; i < n; i++) {
            double sx = raster.sourceX(i, 0);
            double ix = geometry.sourceToInputX(sx);
            boolean seen = sx >= 0 && sx < sourceWidth && ix >= 0 && ix < cols * patch;
            double g = clamp(ix / patch - 0.5, cols - 1);
            int lo = seen ? (int) g : 0;
            axis.lo()[i] = lo;
            axis.hi()[i] = Math.min(lo + 1, cols - 1);
            axis.frac()[i] = seen ? g - lo : 0;
            axis.seen()[i] = seen;
        }
        return axis;
    }

    /** Colours raster row {@code j} of an axis-aligned view (channel 0) into {@code out} from {@code offset}. */
    void fillRow(Axis xs, ViewRaster raster, int j, int sourceHeight, int[] out, int offset,
            SampledRaster.Colouring colouring) {
        double sy = raster.sourceY(0, j);
        double iy = geometry.sourceToInputY(sy);
        if (!(sy >= 0 && sy < sourceHeight && iy >= 0 && iy < rows * patch)) {
            return;
        }
        double gy = clamp(iy / patch - 0.5, rows - 1);
        int y0 = (int) gy;
        int y1 = Math.min(y0 + 1, rows - 1);
        double fy = gy - y0;
        int top = y0 * cols;
        int bottom = y1 * cols;
        for (int i = 0; i < xs.seen().length; i++) {
            if (!xs.seen()[i]) {
                continue;
            }
            int x0 = xs.lo()[i];
            int x1 = xs.hi()[i];
            double fx = xs.frac()[i];
            double t = values[(top + x0) * channels] * (1 - fx) + values[(top + x1) * channels] * fx;
            double b = values[(bottom + x0) * channels] * (1 - fx) + values[(bottom + x1) * channels] * fx;
            out[offset + i] = colouring.colourOf(t * (1 - fy) + b * fy);
        }
    }
}
