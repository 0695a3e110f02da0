package org.raylens.viewer.dicom.codec.jpeg;

/**
 * The accurate integer inverse DCT of the IJG library ({@code jidctint.c}, "islow"), with libjpeg's range-limit
 * behaviour, for 8- and 12-bit samples. GDCM and dcmtk decode DCT JPEG with this very algorithm, so matching it
 * keeps RayLens's lossy 12-bit output equal to theirs rather than merely close. Arithmetic is done in longs, as
 * libjpeg's INT32 is a C long (64 bits) on the platforms GDCM is built for.
 */
final class IslowIdct {

    private static final int CONST_BITS = 13;
    private static final long FIX_0_298631336 = 2446;
    private static final long FIX_0_390180644 = 3196;
    private static final long FIX_0_541196100 = 4433;
    private static final long FIX_0_765366865 = 6270;
    private static final long FIX_0_899976223 = 7373;
    private static final long FIX_1_175875602 = 9633;
    private static final long FIX_1_501321110 = 12299;
    private static final long FIX_1_847759065 = 15137;
    private static final long FIX_1_961570560 = 16069;
    private static final long FIX_2_053119869 = 16819;
    private static final long FIX_2_562915447 = 20995;
    private static final long FIX_3_072711026 = 25172;

    private final int pass1Bits;
    private final int maxSample;
    private final int center;
    private final int rangeMask;
    private final int[] work = new int[64];

    IslowIdct(int precision) {
        this.pass1Bits = precision == 8 ? 2 : 1;
        this.maxSample = (1 << precision) - 1;
        this.center = 1 << (precision - 1);
        this.rangeMask = 4 * (maxSample + 1) - 1;
    }

    private static long descale(long x, int n) {
        return (x + (1L << (n - 1))) >> n;
    }

    /** libjpeg's idct_sample_range_limit: wraps modulo 4·(MAXJSAMPLE+1), then clamps around CENTERJSAMPLE. */
    private int limit(long x) {
        int v = (int) x & rangeMask;
        if (v >= 2 * (maxSample + 1)) {
            v -= 4 * (maxSample + 1);
        }
        v += center;
        return v < 0 ? 0 : Math.min(v, maxSample);
    }

    /**
     * Dequantises and inverse-transforms one block of coefficients in natural (row-major) order, writing 8×8
     * samples to {@code out} at {@code offset} with row stride {@code stride}.
     */
    void transform(int[] coef, int[] quant, int[] out, int offset, int stride) {
        int[] ws = work;
        int p1 = pass1Bits;
        for (int col = 0; col < 8; col++) {
            if (coef[8 + col] == 0 && coef[16 + col] == 0 && coef[24 + col] == 0 && coef[32 + col] == 0
                    && coef[40 + col] == 0 && coef[48 + col] == 0 && coef[56 + col] == 0) {
                int dc = (coef[col] * quant[col]) << p1;
                for (int r = 0; r < 8; r++) {
                    ws[r * 8 + col] = dc;
                }
                continue;
            }
            long z2 = (long) coef[16 + col] * quant[16 + col];
            long z3 = (long) coef[48 + col] * quant[48 + col];
            long z1 = (z2 + z3) * FIX_0_541196100;
            long tmp2 = z1 + z3 * -FIX_1_847759065;
            long tmp3 = z1 + z2 * FIX_0_765366865;
            z2 = (long) coef[col] * quant[col];
            z3 = (long) coef[32 + col] * quant[32 + col];
            long tmp0 = (z2 + z3) << CONST_BITS;
            long tmp1 = (z2 - z3) << CONST_BITS;
            long tmp10 = tmp0 + tmp3;
            long tmp13 = tmp0 - tmp3;
            long tmp11 = tmp1 + tmp2;
            long tmp12 = tmp1 - tmp2;
            tmp0 = (long) coef[56 + col] * quant[56 + col];
            tmp1 = (long) coef[40 + col] * quant[40 + col];
            tmp2 = (long) coef[24 + col] * quant[24 + col];
            tmp3 = (long) coef[8 + col] * quant[8 + col];
            long[] odd = odd(tmp0, tmp1, tmp2, tmp3);
            int n = CONST_BITS - p1;
            ws[col] = (int) descale(tmp10 + odd[3], n);
            ws[56 + col] = (int) descale(tmp10 - odd[3], n);
            ws[8 + col] = (int) descale(tmp11 + odd[2], n);
            ws[48 + col] = (int) descale(tmp11 - odd[2], n);
            ws[16 + col] = (int) descale(tmp12 + odd[1], n);
            ws[40 + col] = (int) descale(tmp12 - odd[1], n);
            ws[24 + col] = (int) descale(tmp13 + odd[0], n);
            ws[32 + col] = (int) descale(tmp13 - odd[0], n);
        }
        for (int row = 0; row < 8; row++) {
            int w = row * 8;
            int o = offset + row * stride;
            if (ws[w + 1] == 0 && ws[w + 2] == 0 && ws[w + 3] == 0 && ws[w + 4] == 0 && ws[w + 5] == 0
                    && ws[w + 6] == 0 && ws[w + 7] == 0) {
                int v = limit(descale(ws[w], p1 + 3));
                for (int k = 0; k < 8; k++) {
                    out[o + k] = v;
                }
                continue;
            }
            long z2 = ws[w + 2];
            long z3 = ws[w + 6];
            long z1 = (z2 + z3) * FIX_0_541196100;
            long tmp2 = z1 + z3 * -FIX_1_847759065;
            long tmp3 = z1 + z2 * FIX_0_765366865;
            long tmp0 = ((long) ws[w] + ws[w + 4]) << CONST_BITS;
            long tmp1 = ((long) ws[w] - ws[w + 4]) << CONST_BITS;
            long tmp10 = tmp0 + tmp3;
            long tmp13 = tmp0 - tmp3;
            long tmp11 = tmp1 + tmp2;
            long tmp12 = tmp1 - tmp2;
            long[] odd = odd(ws[w + 7], ws[w + 5], ws[w + 3], ws[w + 1]);
            int n = CONST_BITS + p1 + 3;
            out[o] = limit(descale(tmp10 + odd[3], n));
            out[o + 7] = limit(descale(tmp10 - odd[3], n));
            out[o + 1] = limit(descale(tmp11 + odd[2], n));
            out[o + 6] = limit(descale(tmp11 - odd[2], n));
            out[o + 2] = limit(descale(tmp12 + odd[1], n));
            out[o + 5] = limit(descale(tmp12 - odd[1], n));
            out[o + 3] = limit(descale(tmp13 + odd[0], n));
            out[o + 4] = limit(descale(tmp13 - odd[0], n));
        }
    }

    private final long[] oddResult = new long[4];

    /** The odd part of the 8-point IDCT (inputs x7, x5, x3, x1); returns tmp0..tmp3 of jidctint.c. */
    private long[] odd(long tmp0, long tmp1, long tmp2, long tmp3) {
        long z1 = tmp0 + tmp3;
        long z2 = tmp1 + tmp2;
        long z3 = tmp0 + tmp2;
        long z4 = tmp1 + tmp3;
        long z5 = (z3 + z4) * FIX_1_175875602;
        tmp0 *= FIX_0_298631336;
        tmp1 *= FIX_2_053119869;
        tmp2 *= FIX_3_072711026;
        tmp3 *= FIX_1_501321110;
        z1 *= -FIX_0_899976223;
        z2 *= -FIX_2_562915447;
        z3 *= -FIX_1_961570560;
        z4 *= -FIX_0_390180644;
        z3 += z5;
        z4 += z5;
        oddResult[0] = tmp0 + z1 + z3;
        oddResult[1] = tmp1 + z2 + z4;
        oddResult[2] = tmp2 + z2 + z3;
        oddResult[3] = tmp3 + z1 + z4;
        return oddResult;
    }
}
