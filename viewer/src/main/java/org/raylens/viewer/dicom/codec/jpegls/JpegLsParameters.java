package org.raylens.viewer.dicom.codec.jpegls;

/**
 * The coding parameters of one JPEG-LS scan (ISO 14495-1 §C.2.4.1.1 and Annex A.2): MAXVAL, the gradient thresholds
 * T1–T3, RESET and NEAR, with the derived RANGE, qbpp and LIMIT. Values an LSE segment leaves at 0 take the defaults
 * the standard computes from MAXVAL and NEAR.
 */
record JpegLsParameters(int maxVal, int t1, int t2, int t3, int reset, int near, int range, int qbpp, int limit) {

    private static final int BASIC_T1 = 3;
    private static final int BASIC_T2 = 7;
    private static final int BASIC_T3 = 21;
    static final int DEFAULT_RESET = 64;

    /**
     * Resolves the parameters of a scan.
     *
     * @param precision sample precision P from the frame header
     * @param lseMaxVal MAXVAL from an LSE segment, or 0 for the default 2^P − 1
     * @param lseT1     T1 from an LSE segment, or 0 for the default (likewise T2, T3, RESET)
     */
    static JpegLsParameters resolve(int precision, int near, int lseMaxVal, int lseT1, int lseT2, int lseT3,
            int lseReset) {
        int maxVal = lseMaxVal != 0 ? lseMaxVal : (1 << precision) - 1;
        int t1;
        int t2;
        int t3;
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) >> 8;
            t1 = clamp(factor * (BASIC_T1 - 2) + 2 + 3 * near, near + 1, maxVal);
            t2 = clamp(factor * (BASIC_T2 - 3) + 3 + 5 * near, t1, maxVal);
            t3 = clamp(factor * (BASIC_T3 - 4) + 4 + 7 * near, t2, maxVal);
        } else {
            int factor = 256 / (maxVal + 1);
            t1 = clamp(Math.max(2, BASIC_T1 / factor + 3 * near), near + 1, maxVal);
            t2 = clamp(Math.max(3, BASIC_T2 / factor + 5 * near), t1, maxVal);
            t3 = clamp(Math.max(4, BASIC_T3 / factor + 7 * near), t2, maxVal);
        }
        if (lseT1 != 0) {
            t1 = lseT1;
        }
        if (lseT2 != 0) {
            t2 = lseT2;
        }
        if (lseT3 != 0) {
            t3 = lseT3;
        }
        int reset = lseReset != 0 ? lseReset : DEFAULT_RESET;
        int range = (maxVal + 2 * near) / (2 * near + 1) + 1;
        int qbpp = ceilLog2(range);
        int bpp = Math.max(2, ceilLog2(maxVal + 1));
        int limit = 2 * (bpp + Math.max(8, bpp));
        return new JpegLsParameters(maxVal, t1, t2, t3, reset, near, range, qbpp, limit);
    }

    /** The standard's CLAMP: values outside [low, maxVal] become low. */
    private static int clamp(int value, int low, int maxVal) {
        return value > maxVal || value < low ? low : value;
    }

    static int ceilLog2(int n) {
        int x = 0;
        while ((1L << x) < n) {
            x++;
        }
        return x;
    }

    /** Whether the thresholds are usable: 0 &lt; ... ≤ T1 ≤ T2 ≤ T3 ≤ MAXVAL as §C.2.4.1.1 requires. */
    boolean valid() {
        return maxVal >= 1 && near >= 0 && near <= Math.min(255, maxVal / 2) && t1 >= near + 1 && t1 <= t2
                && t2 <= t3 && t3 <= maxVal && reset >= 3 && reset <= Math.max(255, maxVal);
    }
}
