package org.raylens.overlays.export.dicom;

/**
 * sRGB to the scaled CIELab triplet DICOM stores in Recommended Display CIELab Value (PS3.3 C.10.7.1.1): L* 0–100
 * and a*, b* −128–127 scaled to 0–65535, white point D65, as dcmqi and highdicom convert segment colours.
 */
final class CieLab {
    private CieLab() {}

    private static final double XN = 0.950489;
    private static final double YN = 1.0;
    private static final double ZN = 1.088840;

    /** {@code rgb} as 0xRRGGBB → {L, a, b} in DICOM's unsigned 16-bit scaling. */
    static int[] scaled(int rgb) {
        double r = linear(((rgb >> 16) & 0xFF) / 255.0);
        double g = linear(((rgb >> 8) & 0xFF) / 255.0);
        double b = linear((rgb & 0xFF) / 255.0);
        double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
        double fx = f(x / XN);
        double fy = f(y / YN);
        double fz = f(z / ZN);
        double l = 116 * fy - 16;
        double a = 500 * (fx - fy);
        double bb = 200 * (fy - fz);
        return new int[] {clamp(Math.round(l * 65535 / 100)), clamp(Math.round((a + 128) * 65535 / 255)),
            clamp(Math.round((bb + 128) * 65535 / 255))};
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        double d = 6.0 / 29;
        return t > d * d * d ? Math.cbrt(t) : t / (3 * d * d) + 4.0 / 29;
    }

    private static int clamp(long v) {
        return (int) Math.max(0, Math.min(65535, v));
    }
}
