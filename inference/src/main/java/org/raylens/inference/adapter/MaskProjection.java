package org.raylens.inference.adapter;

import org.raylens.core.result.MapGeometry;

/**
 * Places a logits grid on the source image: bilinear upsampling of the grid to the model's input pixels (PyTorch's
 * {@code interpolate(mode="bilinear", align_corners=False)}, edges clamped), then each source pixel centre is mapped
 * into the input through {@link MapGeometry} and sampled bilinearly there; pixels whose centre falls outside the
 * patch-covered area are NaN (not seen). Sigmoid last, so interpolation happens in logit space as in training.
 */
public final class MaskProjection {
    private MaskProjection() {
    }

    /** (rows·patch) × (cols·patch) logits upsampled from a rows × cols grid. */
    public static float[] upsampleToInput(float[] grid, int rows, int cols, int patch) {
        int h = rows * patch;
        int w = cols * patch;
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            double gy = (y + 0.5) / patch - 0.5;
            for (int x = 0; x < w; x++) {
                double gx = (x + 0.5) / patch - 0.5;
                out[y * w + x] = (float) sample(grid, rows, cols, gy, gx);
            }
        }
        return out;
    }

    /** Source-size probabilities for one channel's logits grid; NaN where the model saw nothing. */
    public static float[] toSource(float[] grid, MapGeometry g) {
        float[] input = upsampleToInput(grid, g.rows(), g.cols(), g.patchSize());
        int ih = g.rows() * g.patchSize();
        int iw = g.cols() * g.patchSize();
        float[] out = new float[g.sourceWidth() * g.sourceHeight()];
        for (int sy = 0; sy < g.sourceHeight(); sy++) {
            double iy = g.sourceToInputY(sy + 0.5);
            for (int sx = 0; sx < g.sourceWidth(); sx++) {
                double ix = g.sourceToInputX(sx + 0.5);
                int o = sy * g.sourceWidth() + sx;
                if (ix < 0 || iy < 0 || ix >= iw || iy >= ih) {
                    out[o] = Float.NaN;
                } else {
                    out[o] = (float) sigmoid(sample(input, ih, iw, iy - 0.5, ix - 0.5));
                }
            }
        }
        return out;
    }

    /** Bilinear sample at continuous (y, x) in cell-centre coordinates, clamped to the edges. */
    static double sample(float[] a, int rows, int cols, double y, double x) {
        y = Math.max(0, Math.min(rows - 1, y));
        x = Math.max(0, Math.min(cols - 1, x));
        int y0 = (int) Math.floor(y);
        int x0 = (int) Math.floor(x);
        int y1 = Math.min(y0 + 1, rows - 1);
        int x1 = Math.min(x0 + 1, cols - 1);
        double fy = y - y0;
        double fx = x - x0;
        double top = a[y0 * cols + x0] * (1 - fx) + a[y0 * cols + x1] * fx;
        double bottom = a[y1 * cols + x0] * (1 - fx) + a[y1 * cols + x1] * fx;
        return top * (1 - fy) + bottom * fy;
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
