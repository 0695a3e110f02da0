package org.raylens.core.numeric;

/**
 * Finds a NaN or infinity in a float array, fast: weights (tens of millions of values) and every model output pass
 * through here. The sweep adds up x·0, which is 0 for every finite x and NaN for NaN or ±∞, in four independent
 * sums so the additions overlap (measured on 86.6 M floats: about 50 ms, against about 120 ms for a max over the
 * exponent bits and 90 ms for a compare per value); only when the sum is not 0 is the index looked for.
 */
public final class FiniteCheck {
    private FiniteCheck() {
    }

    /** Index of the first NaN or infinite value, or −1 when all are finite. */
    public static int firstNonFinite(float[] values) {
        return firstNonFinite(values, 0, values.length);
    }

    /** As {@link #firstNonFinite(float[])} over {@code [from, to)}. */
    public static int firstNonFinite(float[] values, int from, int to) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += values[i] * 0f;
            s1 += values[i + 1] * 0f;
            s2 += values[i + 2] * 0f;
            s3 += values[i + 3] * 0f;
        }
        for (; i < to; i++) {
            s0 += values[i] * 0f;
        }
        if (s0 + s1 + s2 + s3 == 0f) {
            return -1;
        }
        for (int j = from; j < to; j++) {
            if (!Float.isFinite(values[j])) {
                return j;
            }
        }
        return -1;
    }
}
