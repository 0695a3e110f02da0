package org.raylens.inference.encoder;

/**
 * Position embeddings for a patch grid other than the checkpoint's own, by PyTorch's bicubic interpolation
 * ({@code F.interpolate(mode="bicubic", align_corners=False, antialias=False)}: cubic convolution with A = −0.75,
 * {@code src = (dst + 0.5)·scale − 0.5}, taps floor(src)−1 … floor(src)+2 clamped to the edge), re-implemented in
 * float32 arithmetic in the order PyTorch's CPU kernel uses so results agree to the last bits.
 *
 * <p>Two variants exist in the wild and give visibly different numbers, so both are here, named:
 * <ul>
 *   <li>{@link #HF}: current HF transformers — {@code size=(h0, w0)}, so {@code scale = in/out}.</li>
 *   <li>{@link #DINOV2}: the official DINOv2 code (and HF up to ~4.4x) — {@code scale_factor = (h0 + 0.1)/M}. The
 *       0.1 is a historical kludge against floor() rounding the output size down; its quirk is that PyTorch then maps
 *       coordinates with 1/scale_factor, not in/out, so even an axis whose size does not change is resampled.</li>
 *   <li>{@link #HF_ANTIALIAS}: HF's Dinov2WithRegisters — {@code size=(h0, w0), antialias=True}: PyTorch's separable
 *       antialiased bicubic (a = −0.5 as in PIL, support scaled by the reduction factor, weights normalised, width
 *       pass then height pass, unchanged axes skipped). Unlike the two above it is not covered by a golden
 *       reference here; it follows PyTorch's {@code _upsample_bicubic2d_aa} CPU kernel.</li>
 * </ul>
 * Both return the checkpoint's embedding untouched when the patch count equals the native one and the input is
 * square (in pixels), exactly as both implementations short-circuit. CLS keeps its own embedding; the first spatial
 * axis is height.
 */
public enum PositionEmbeddingInterpolation {
    HF, DINOV2, HF_ANTIALIAS;

    private static final float A = -0.75f;
    /** DINOv2's interpolate_offset. */
    private static final double DINOV2_OFFSET = 0.1;

    /**
     * @param posEmbed (1 + M·M) × D, CLS first
     * @param imageHeight input height in pixels (only for the square-input short-circuit)
     * @param rows       patch rows h0 = H / patch
     * @param cols       patch columns w0 = W / patch
     * @return (1 + rows·cols) × D
     */
    public float[] interpolate(float[] posEmbed, int dim, int imageHeight, int imageWidth, int rows, int cols) {
        int n = posEmbed.length / dim - 1;
        int m = (int) Math.round(Math.sqrt(n));
        if (m * m != n || (long) (n + 1) * dim != posEmbed.length) {
            throw new IllegalArgumentException("position embedding of " + (n + 1) + " tokens is not 1 + a square grid");
        }
        if (rows * cols == n && imageHeight == imageWidth) {
            return posEmbed.clone();
        }
        if (this == HF_ANTIALIAS) {
            return antialiased(posEmbed, dim, m, rows, cols);
        }
        Axis ay;
        Axis ax;
        if (this == HF) {
            ay = Axis.forSize(m, rows);
            ax = Axis.forSize(m, cols);
        } else {
            ay = Axis.forScaleFactor(m, rows, (rows + DINOV2_OFFSET) / m);
            ax = Axis.forScaleFactor(m, cols, (cols + DINOV2_OFFSET) / m);
        }
        float[] out = new float[(1 + rows * cols) * dim];
        System.arraycopy(posEmbed, 0, out, 0, dim);
        for (int oy = 0; oy < rows; oy++) {
            for (int ox = 0; ox < cols; ox++) {
                int dst = (1 + oy * cols + ox) * dim;
                for (int c = 0; c < dim; c++) {
                    float acc = 0f;
                    for (int j = 0; j < 4; j++) {
                        int sy = ay.index[oy * 4 + j];
                        float t = 0f;
                        for (int i = 0; i < 4; i++) {
                            int sx = ax.index[ox * 4 + i];
                            float v = posEmbed[(1 + sy * m + sx) * dim + c];
                            t = i == 0 ? v * ax.weight[ox * 4] : t + v * ax.weight[ox * 4 + i];
                        }
                        acc = j == 0 ? t * ay.weight[oy * 4] : acc + t * ay.weight[oy * 4 + j];
                    }
                    out[dst + c] = acc;
                }
            }
        }
        return out;
    }

    /** Separable antialiased resize of the (m × m × dim) grid: width pass, then height pass, in float32. */
    private static float[] antialiased(float[] posEmbed, int dim, int m, int rows, int cols) {
        float[] grid = java.util.Arrays.copyOfRange(posEmbed, dim, posEmbed.length);
        int h = m;
        int w = m;
        if (cols != w) {
            grid = aaPass(grid, h, w, dim, cols, false);
            w = cols;
        }
        if (rows != h) {
            grid = aaPass(grid, h, w, dim, rows, true);
        }
        float[] out = new float[(1 + rows * cols) * dim];
        System.arraycopy(posEmbed, 0, out, 0, dim);
        System.arraycopy(grid, 0, out, dim, grid.length);
        return out;
    }

    /** One axis of PyTorch's antialiased bicubic (_compute_indices_min_size_weights_aa with the a = −0.5 filter). */
    private static float[] aaPass(float[] in, int h, int w, int dim, int outSize, boolean vertical) {
        int inSize = vertical ? h : w;
        float scale = (float) inSize / outSize;
        float support = scale >= 1f ? 2f * scale : 2f;
        float invscale = scale >= 1f ? 1f / scale : 1f;
        int oh = vertical ? outSize : h;
        int ow = vertical ? w : outSize;
        float[] out = new float[oh * ow * dim];
        for (int o = 0; o < outSize; o++) {
            float center = scale * (o + 0.5f);
            int xmin = Math.max((int) (center - support + 0.5f), 0);
            int xsize = Math.min((int) (center + support + 0.5f), inSize) - xmin;
            float[] wt = new float[xsize];
            float total = 0f;
            for (int j = 0; j < xsize; j++) {
                wt[j] = aaCubic((j + xmin - center + 0.5f) * invscale);
                total += wt[j];
            }
            for (int j = 0; j < xsize; j++) {
                wt[j] = total != 0f ? wt[j] / total : 0f;
            }
            int lines = vertical ? w : h;
            for (int line = 0; line < lines; line++) {
                for (int c = 0; c < dim; c++) {
                    float acc = 0f;
                    for (int j = 0; j < xsize; j++) {
                        int src = vertical ? ((xmin + j) * w + line) : (line * w + xmin + j);
                        acc += in[src * dim + c] * wt[j];
                    }
                    int dst = vertical ? (o * ow + line) : (line * ow + o);
                    out[dst * dim + c] = acc;
                }
            }
        }
        return out;
    }

    private static float aaCubic(float x) {
        final float a = -0.5f;
        x = Math.abs(x);
        if (x < 1f) {
            return ((a + 2f) * x - (a + 3f)) * x * x + 1f;
        }
        if (x < 2f) {
            return (((x - 5f) * x + 8f) * x - 4f) * a;
        }
        return 0f;
    }

    /** Source taps and weights along one axis, as PyTorch's HelperInterpCubic computes them (float32). */
    private record Axis(int[] index, float[] weight) {
        static Axis forSize(int in, int out) {
            return build(in, out, (float) in / out);
        }

        static Axis forScaleFactor(int in, int out, double scaleFactor) {
            int produced = (int) Math.floor(in * scaleFactor);
            if (produced != out) {
                throw new IllegalStateException("scale factor " + scaleFactor + " gives " + produced + " positions, not " + out);
            }
            return build(in, out, (float) (1.0 / scaleFactor));
        }

        static Axis build(int in, int out, float scale) {
            int[] idx = new int[out * 4];
            float[] w = new float[out * 4];
            for (int o = 0; o < out; o++) {
                float real = scale * ((float) o + 0.5f) - 0.5f;
                int i0 = Math.min((int) Math.floor(real), in - 1);
                float lambda = Math.min(Math.max(real - i0, 0f), 1f);
                float x2 = 1f - lambda;
                w[o * 4] = cubic2(lambda + 1f);
                w[o * 4 + 1] = cubic1(lambda);
                w[o * 4 + 2] = cubic1(x2);
                w[o * 4 + 3] = cubic2(x2 + 1f);
                for (int j = 0; j < 4; j++) {
                    idx[o * 4 + j] = Math.max(Math.min(i0 - 1 + j, in - 1), 0);
                }
            }
            return new Axis(idx, w);
        }

        private static float cubic1(float x) {
            return ((A + 2f) * x - (A + 3f)) * x * x + 1f;
        }

        private static float cubic2(float x) {
            return ((A * x - 5f * A) * x + 8f * A) * x - 4f * A;
        }
    }
}
