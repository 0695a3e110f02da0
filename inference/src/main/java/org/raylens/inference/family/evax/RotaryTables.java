package org.raylens.inference.family.evax;

/**
 * EVA-02's 2-D rotary position embedding for a rows × cols patch grid, as hustvl/EVA-X's rope.py builds it
 * ({@code VisionRotaryEmbeddingFast} with dim = head_dim/2, theta 10000): per axis, frequencies
 * {@code f_k = 10000^(−k/(hd/4))} for k < hd/4, each used twice (interleaved pairs); positions
 * {@code t_i = i·pt/grid}; patch (r, c) gets the row angles {@code t_r·f_k} in the first half of the head and the
 * column angles {@code t_c·f_k} in the second. Computed here for any input size instead of read from a checkpoint.
 *
 * <p>The rotation is {@code x' = x·cos + rot(x)·sin} with {@code rot(x)[2m] = −x[2m+1]}, {@code rot(x)[2m+1] =
 * x[2m]}. {@link #signedSinWithCls()} folds rot's sign into the table ({@code −sin} at even columns), so that
 * {@code rot(x)·sin = swapPairs(x)·signedSin} with the same products, bit for bit.
 *
 * <p>Arithmetic follows torch's float32 steps (frequency, position, product, then cos/sin of the float product).
 * Grids other than square are EVA-X-compatible extensions: each axis is scaled by its own length.
 */
record RotaryTables(int rows, int cols, int headDim, float[] cos, float[] sin) {

    static RotaryTables of(int rows, int cols, int headDim, double pt) {
        int quarter = headDim / 4; // frequencies per axis
        float[] freq = new float[quarter];
        for (int k = 0; k < quarter; k++) {
            float exponent = (float) (2 * k) / (float) (headDim / 2);
            freq[k] = 1f / (float) Math.pow(10000.0, exponent);
        }
        float ptF = (float) pt;
        float[] cos = new float[rows * cols * headDim];
        float[] sin = new float[rows * cols * headDim];
        for (int r = 0; r < rows; r++) {
            float tr = (float) r / (float) rows * ptF;
            for (int c = 0; c < cols; c++) {
                float tc = (float) c / (float) cols * ptF;
                int base = (r * cols + c) * headDim;
                for (int k = 0; k < quarter; k++) {
                    float ar = tr * freq[k];
                    float ac = tc * freq[k];
                    for (int j = 0; j < 2; j++) {
                        cos[base + 2 * k + j] = (float) Math.cos(ar);
                        sin[base + 2 * k + j] = (float) Math.sin(ar);
                        cos[base + headDim / 2 + 2 * k + j] = (float) Math.cos(ac);
                        sin[base + headDim / 2 + 2 * k + j] = (float) Math.sin(ac);
                    }
                }
            }
        }
        return new RotaryTables(rows, cols, headDim, cos, sin);
    }

    /** cos with a leading CLS row of ones (no rotation), (1 + rows·cols) × headDim. */
    float[] cosWithCls() {
        float[] out = new float[cos.length + headDim];
        java.util.Arrays.fill(out, 0, headDim, 1f);
        System.arraycopy(cos, 0, out, headDim, cos.length);
        return out;
    }

    /**
     * sin with the sign of rot() folded in (−sin at even columns, sin at odd ones) and a leading CLS row of zeros,
     * (1 + rows·cols) × headDim.
     */
    float[] signedSinWithCls() {
        float[] out = new float[sin.length + headDim];
        for (int i = 0; i < sin.length; i++) {
            out[headDim + i] = (i % 2 == 0) ? -sin[i] : sin[i];
        }
        return out;
    }
}
