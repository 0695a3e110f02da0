package org.raylens.inference.training;

import org.raylens.inference.weights.HalfFloats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One image's frozen-encoder features as the trainer reads them: CLS, the mean patch token and (only when the adapter
 * needs them) the rows × cols patch tokens, all after the final LayerNorm, held as little-endian fp16 — usually a
 * memory-mapped view of a {@link FeatureCache} file. Fresh features are rounded to fp16 too, so a first run and a
 * cached re-run train on identical numbers.
 */
public final class ImageFeatures {
    private final int dim;
    private final int rows;
    private final int cols;
    private final boolean hasPatches;
    private final ByteBuffer fp16;

    ImageFeatures(int dim, int rows, int cols, boolean hasPatches, ByteBuffer fp16) {
        long need = 2L * dim * (2 + (hasPatches ? (long) rows * cols : 0));
        if (fp16.remaining() != need) {
            throw new IllegalArgumentException("feature data has " + fp16.remaining() + " bytes, expected " + need);
        }
        this.dim = dim;
        this.rows = rows;
        this.cols = cols;
        this.hasPatches = hasPatches;
        this.fp16 = fp16.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Rounds to fp16. {@code patches} (rows·cols·D) may be null. */
    public static ImageFeatures of(float[] cls, float[] meanPatch, float[] patches, int rows, int cols) {
        int d = cls.length;
        boolean has = patches != null;
        ByteBuffer b = ByteBuffer.allocate(2 * d * (2 + (has ? rows * cols : 0))).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : cls) {
            b.putShort(HalfFloats.floatToHalf(v));
        }
        for (float v : meanPatch) {
            b.putShort(HalfFloats.floatToHalf(v));
        }
        if (has) {
            for (float v : patches) {
                b.putShort(HalfFloats.floatToHalf(v));
            }
        }
        b.flip();
        return new ImageFeatures(d, rows, cols, has, b);
    }

    public int dim() {
        return dim;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public boolean hasPatches() {
        return hasPatches;
    }

    /** The raw fp16 bytes (for writing to the cache). */
    ByteBuffer fp16() {
        return fp16.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    private float[] decode(int fromValue, int count) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = HalfFloats.halfToFloat(fp16.getShort(2 * (fromValue + i)));
        }
        return out;
    }

    public float[] cls() {
        return decode(0, dim);
    }

    public float[] meanPatch() {
        return decode(dim, dim);
    }

    /** (rows·cols·D) patch tokens, row-major. */
    public float[] patches() {
        if (!hasPatches) {
            throw new IllegalStateException("patch tokens were not kept for this image");
        }
        return decode(2 * dim, rows * cols * dim);
    }
}
