package org.raylens.viewer.image;

/**
 * Converts interleaved colour stored values to opaque 8-bit ARGB (PS3.3 C.7.6.3.1.2). YBR_FULL and the expanded
 * YBR_FULL_422 use the full-range ITU-R BT.601 equations (JPEG codecs return YBR_FULL_422 already upsampled to
 * Y, Cb, Cr per pixel, as the native decoder does); YBR_PARTIAL_* the studio-range ones. YBR_ICT and YBR_RCT exist
 * only inside JPEG 2000 codestreams, whose decoders undo the component transform and return RGB, so they pass
 * through as RGB. Samples wider than 8 bits are scaled to 8 bits from their Bits Stored range.
 */
public final class ColorConversion {
    private ColorConversion() {}

    public static int[] toArgb(int[] samples, String photometric, int bitsStored) {
        int pixels = samples.length / 3;
        int[] argb = new int[pixels];
        double max = (1L << bitsStored) - 1;
        double half = 1L << (bitsStored - 1);
        for (int p = 0; p < pixels; p++) {
            double a = samples[3 * p];
            double b = samples[3 * p + 1];
            double c = samples[3 * p + 2];
            double r;
            double g;
            double bl;
            switch (photometric) {
                case "YBR_FULL", "YBR_FULL_422" -> {
                    r = a + 1.402 * (c - half);
                    g = a - 0.344136 * (b - half) - 0.714136 * (c - half);
                    bl = a + 1.772 * (b - half);
                }
                case "YBR_PARTIAL_422", "YBR_PARTIAL_420" -> {
                    double scale = max / 255.0;
                    double y = 1.1644 * (a - 16 * scale);
                    r = y + 1.5960 * (c - half);
                    g = y - 0.3917 * (b - half) - 0.8129 * (c - half);
                    bl = y + 2.0172 * (b - half);
                }
                default -> {
                    r = a;
                    g = b;
                    bl = c;
                }
            }
            argb[p] = 0xFF000000 | (to8(r, max) << 16) | (to8(g, max) << 8) | to8(bl, max);
        }
        return argb;
    }

    private static int to8(double v, double max) {
        long x = Math.round(v * 255 / max);
        return x < 0 ? 0 : x > 255 ? 255 : (int) x;
    }
}
