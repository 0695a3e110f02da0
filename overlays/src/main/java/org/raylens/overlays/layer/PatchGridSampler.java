package org.raylens.overlays.layer;

import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;

/**
 * Reads a patch map at any source point by bilinear interpolation between patch CENTRES, through the map's
 * {@link MapGeometry} (source → resized → cropped input → patch grid). Points the model did not see (outside the
 * patch grid's area in the input) give NaN: the map is never stretched over them. Between the grid's outermost
 * centres and its edge the value is held at the edge patch's value (clamped interpolation), so a seen point always
 * has a value.
 *
 * <p>With {@code cells} set the sampler reads the RAW patch grid instead: each point takes the value of the patch it
 * falls in (nearest neighbour on the model's grid), so a researcher sees the cells the model produced and can check
 * their alignment with the anatomy. It is the same code with the fractional weights forced to zero and the grid
 * coordinate taken at the cell, so both fast paths and {@link #sample} stay in step.
 */
final class PatchGridSampler {

    private final MapGeometry geometry;
    private final float[] values;
    private final int channels;
    private final int rows;
    private final int cols;
    private final double patch;
    private final boolean cells;

    PatchGridSampler(PatchMap map) {
        this(map, false);
    }

    /** @param cells true for the raw patch grid (nearest cell), false for bilinear between patch centres */
    PatchGridSampler(PatchMap map, boolean cells) {
        this.cells = cells;
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
        double gx = gridCoordinate(ix, cols);
        double gy = gridCoordinate(iy, rows);
        int x0 = (int) gx;
        int y0 = (int) gy;
        int x1 = Math.min(x0 + 1, cols - 1);
        int y1 = Math.min(y0 + 1, rows - 1);
        double fx = gx - x0;
        double fy = gy - y0;
        // y first, then x: the same operations in the same order as fillRow, so a readout equals the painted sample
        double left = value(y0, x0, channel) * (1 - fy) + value(y1, x0, channel) * fy;
        double right = value(y0, x1, channel) * (1 - fy) + value(y1, x1, channel) * fy;
        return left * (1 - fx) + right * fx;
    }

    /** {min, max} of one channel's finite values (a NaN patch has no value; it must not poison the range). */
    double[] range(int channel) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = channel; i < values.length; i += channels) {
            float v = values[i];
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new double[] {min, max};
    }

    private double value(int row, int col, int channel) {
        return values[(row * cols + col) * channels + channel];
    }

    /**
     * The grid coordinate of input coordinate {@code i}: between patch centres (bilinear), or the cell's index with
     * no fraction (raw cells), clamped to the grid.
     */
    private double gridCoordinate(double i, int count) {
        return cells ? clamp(Math.floor(i / patch), count - 1) : clamp(i / patch - 0.5, count - 1);
    }

    private static double clamp(double v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }

    /**
     * Interpolation weights of every column of an axis-aligned raster: for column i, the offsets into a map row of
     * its two grid neighbours ({@code lo} is −1 where the column is outside the image or the seen area) and the
     * weights {@code 1 − fx} and {@code fx}, computed once per paint so a sample costs two lerps and a blend.
     */
    record Columns(int[] lo, int[] hi, double[] keep, double[] frac) {}

    /** The x weights of every raster column (the view must be axis-aligned: b = d = 0). */
    Columns columns(ViewRaster raster, int sourceWidth) {
        int n = raster.width();
        Columns c = new Columns(new int[n], new int[n], new double[n], new double[n]);
        for (int i = 0; i < n; i++) {
            double sx = raster.sourceX(i, 0);
            double ix = geometry.sourceToInputX(sx);
            boolean seen = sx >= 0 && sx < sourceWidth && ix >= 0 && ix < cols * patch;
            double g = gridCoordinate(ix, cols);
            int lo = seen ? (int) g : 0;
            double fx = seen ? g - lo : 0;
            c.lo()[i] = seen ? lo * channels : -1;
            c.hi()[i] = Math.min(lo + 1, cols - 1) * channels;
            c.keep()[i] = 1 - fx;
            c.frac()[i] = fx;
        }
        return c;
    }

    /**
     * Colours raster row {@code j} of an axis-aligned view (channel 0) into {@code out[offset, offset + width)},
     * writing every element (0 where unseen). The row's two grid rows are blended once into {@code rowValues} (one
     * value per grid column), leaving one lerp, a threshold test and a table look-up per sample. The value of each
     * sample is computed exactly as {@link #sample} does and coloured by {@link ScalarMapLayer.ColourScale#colourOf},
     * so screen and exports match the readout bit for bit.
     */
    void fillRow(Columns xs, ViewRaster raster, int j, int sourceHeight, int[] out, int offset,
            ScalarMapLayer.ColourScale scale, double[] rowValues) {
        int width = xs.lo().length;
        if (!blendRow(raster, j, sourceHeight, rowValues)) {
            java.util.Arrays.fill(out, offset, offset + width, 0);
            return;
        }
        int[] lo = xs.lo();
        int[] hi = xs.hi();
        double[] keep = xs.keep();
        double[] frac = xs.frac();
        double[] r = rowValues;
        double threshold = scale.threshold();
        double min = scale.min();
        double perUnit = scale.perUnit();
        int[] table = scale.table();
        int last = table.length - 1;
        for (int i = 0; i < width; i++) {
            int x0 = lo[i];
            int colour = 0;
            if (x0 >= 0) {
                double value = r[x0] * keep[i] + r[hi[i]] * frac[i];
                if (value >= threshold) { // false below the threshold and for NaN in the map
                    // ColourScale.colourOf, inlined: same operations in the same order, so the same table entry
                    double p = (value - min) * perUnit;
                    colour = !(p > 0) ? table[0] : p >= last ? table[last] : table[(int) (p + 0.5)];
                }
            }
            out[offset + i] = colour;
        }
    }

    /**
     * Blends the two grid rows around raster row {@code j} (every channel; {@code rowValues[c · channels + ch]}),
     * with the weights {@link #sample} uses; false (nothing written) where the row is outside the image or the seen
     * area. Then the value of channel ch at column i is {@code rowValues[lo + ch] · keep + rowValues[hi + ch] · frac}
     * with {@link Columns}' entries, bit for bit what {@link #sample} returns.
     */
    boolean blendRow(ViewRaster raster, int j, int sourceHeight, double[] rowValues) {
        double sy = raster.sourceY(0, j);
        double iy = geometry.sourceToInputY(sy);
        if (!(sy >= 0 && sy < sourceHeight && iy >= 0 && iy < rows * patch)) {
            return false;
        }
        double gy = gridCoordinate(iy, rows);
        int y0 = (int) gy;
        int y1 = Math.min(y0 + 1, rows - 1);
        double fy = gy - y0;
        double keepY = 1 - fy;
        int top = y0 * cols * channels;
        int bottom = y1 * cols * channels;
        for (int k = 0, n = cols * channels; k < n; k++) {
            rowValues[k] = values[top + k] * keepY + values[bottom + k] * fy;
        }
        return true;
    }

    /** The length of the scratch row {@link #fillRow} and {@link #blendRow} need. */
    int rowLength() {
        return cols * channels;
    }
}
