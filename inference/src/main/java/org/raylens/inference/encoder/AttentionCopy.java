package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import java.nio.ByteOrder;

/**
 * Where a block copies its attention probabilities while each head's N×N scores are still cache-hot: every row into
 * a (B, heads, N, N) buffer, or only some query rows into a (B, heads, R, N) buffer. Keeping only the CLS row of a
 * ViT-B layer at 518 px copies 66 KB instead of 90 MB, which is what makes per-layer attention maps nearly free.
 */
public final class AttentionCopy {
    private final float[] buffer;
    private final int[] rows;

    private AttentionCopy(float[] buffer, int[] rows) {
        this.buffer = buffer;
        this.rows = rows;
    }

    /**
     * No rows, but the attention still computed the explicit way: the per-block runner of explanation traces passes
     * this for a block whose maps were not asked for, so a map's numbers never depend on which other maps were asked
     * for in the same trace (a fused kernel would differ in the last bits) and the window and the command line agree
     * bit for bit. Only plain forwards ({@code forward}, {@code embed}) take the fused kernel.
     */
    public static AttentionCopy none() {
        return new AttentionCopy(new float[0], new int[0]);
    }

    /** Every row: the buffer holds (B, heads, N, N). */
    public static AttentionCopy all(float[] buffer) {
        return new AttentionCopy(buffer, null);
    }

    /** Only query rows {@code rows} (ascending token indices): the buffer holds (B, heads, R, N). */
    public static AttentionCopy rows(float[] buffer, int[] rows) {
        return new AttentionCopy(buffer, rows.clone());
    }

    /** Floats the buffer needs for a batch of {@code b} images of {@code n} tokens. */
    public long floatsFor(long b, long heads, long n) {
        return b * heads * (rows == null ? n : rows.length) * n;
    }

    public float[] buffer() {
        return buffer;
    }

    /**
     * Copies head {@code index} (image·heads + head) of the probabilities, p being that head's (N, N), straight from
     * libtorch's memory into the buffer.
     */
    void copy(NDArray p, long index, long n) {
        NDArray f = p.getDataType() == DataType.FLOAT32 ? p : p.toType(DataType.FLOAT32, false);
        if (rows == null) {
            copyOut(f, index * n * n);
        } else {
            for (int k = 0; k < rows.length; k++) {
                try (NDArray row = f.get(rows[k])) {
                    copyOut(row, (index * rows.length + k) * n);
                }
            }
        }
        if (f != p) {
            f.close();
        }
    }

    private void copyOut(NDArray a, long offset) {
        // tryDirect: a view of the tensor's own memory when it is contiguous on the CPU (no intermediate copy)
        a.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer().get(buffer, Math.toIntExact(offset),
                Math.toIntExact(a.size()));
    }
}
