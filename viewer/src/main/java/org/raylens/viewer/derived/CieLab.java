package org.raylens.viewer.derived;

/**
 * DICOM's recommended display colours are CIELab scaled to 16 bits (PS3.3 C.10.7.1.1: L* 0–100 → 0–0xFFFF, a* and
 * b* −128–127 → 0–0xFFFF) relative to the D65 white point; this turns them into the sRGB colour a screen shows, the
 * conversion dcmqi, highdicom and 3D Slicer make.
 */
public final class CieLab {

    private static final double XN = 0.950456;
    private static final double YN = 1.0;
    private static final double ZN = 1.088754;

    private CieLab() {
    }

    /** Opaque ARGB of a DICOM-scaled CIELab triple; out-of-gamut channels are clipped. */
    public static int toArgb(int scaledL, int scaledA, int scaledB) {
        double l = scaledL * 100.0 / 0xFFFF;
        double a = scaledA * 255.0 / 0xFFFF - 128;
        double b = scaledB * 255.0 / 0xFFFF - 128;
        double fy = (l + 16) / 116;
        double fx = fy + a / 500;
        double fz = fy - b / 200;
        double x = XN * inverseF(fx);
        double y = YN * inverseF(fy);
        double z = ZN * inverseF(fz);
        double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
        double bl = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        return 0xFF000000 | channel(r) << 16 | channel(g) << 8 | channel(bl);
    }

    private static double inverseF(double t) {
        double delta = 6.0 / 29;
        return t > delta ? t * t * t : 3 * delta * delta * (t - 4.0 / 29);
    }

    private static int channel(double linear) {
        double c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
        return (int) Math.round(Math.max(0, Math.min(1, c)) * 255);
    }
}
