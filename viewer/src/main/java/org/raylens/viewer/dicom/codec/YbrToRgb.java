package org.raylens.viewer.dicom.codec;

/**
 * YCbCr (JFIF, full range) to RGB for 8-bit samples, in exactly the fixed-point arithmetic of libjpeg's
 * {@code jdcolor.c} (16 fractional bits, rounding constants in the Cr→R, Cb→B and Cr→G tables), so RayLens's colour
 * JPEG output equals what GDCM and dcmtk, which both use libjpeg, produce from the same YCbCr samples.
 */
public final class YbrToRgb {

    private static final int SCALE_BITS = 16;
    private static final int ONE_HALF = 1 << (SCALE_BITS - 1);
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALE_BITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALE_BITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private YbrToRgb() {
    }

    private static int fix(double v) {
        return (int) (v * (1L << SCALE_BITS) + 0.5);
    }

    /** Converts pixel-interleaved Y,Cb,Cr samples (0–255) to R,G,B in place. */
    public static void convert(int[] samples) {
        for (int i = 0; i + 2 < samples.length; i += 3) {
            int y = samples[i];
            int cb = samples[i + 1] & 0xFF;
            int cr = samples[i + 2] & 0xFF;
            samples[i] = clamp(y + CR_R[cr]);
            samples[i + 1] = clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS));
            samples[i + 2] = clamp(y + CB_B[cb]);
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }
}
