package org.raylens.inference.weights;

/**
 * Finds a NaN or infinity in a float array, fast: weights (tens of millions of values) and every model output pass
 * through here. The sweep folds the exponent bits with a max, which the JIT turns into vector instructions, and only
 * looks for the index when something was found.
 */
public final class FiniteCheck {
    private static final int EXPONENT = 0x7f800000;

    private FiniteCheck() {
    }

    /** Index of the first NaN or infinite value, or −1 when all are finite. */
    public static int firstNonFinite(float[] values) {
        return firstNonFinite(values, 0, values.length);
    }

    /** As {@link #firstNonFinite(float[])} over {@code [from, to)}. */
    public static int firstNonFinite(float[] values, int from, int to) {
        int max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, Float.floatToRawIntBits(values[i]) & EXPONENT);
        }
        if (max != EXPONENT) {
            return -1;
        }
        for (int i = from; i < to; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }
}
