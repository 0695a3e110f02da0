package org.raylens.inference.testsupport;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** compare.py's criterion: max|golden − candidate| ≤ atol + rtol·max|golden|, shapes equal, all finite. */
public final class Tolerance {
    private Tolerance() {
    }

    public static double maxAbsDiff(float[] golden, float[] cand) {
        double m = 0;
        for (int i = 0; i < golden.length; i++) {
            m = Math.max(m, Math.abs((double) golden[i] - (double) cand[i]));
        }
        return m;
    }

    public static void assertClose(String what, long[] gShape, float[] golden, long[] cShape, float[] cand, double atol) {
        assertArrayEquals(gShape, cShape, what + ": shape " + Arrays.toString(cShape) + " vs golden " + Arrays.toString(gShape));
        for (float v : cand) {
            assertTrue(Float.isFinite(v), what + ": candidate has NaN/Inf");
        }
        double d = maxAbsDiff(golden, cand);
        assertTrue(d <= atol, what + ": max|d| = " + d + " exceeds " + atol);
    }
}
