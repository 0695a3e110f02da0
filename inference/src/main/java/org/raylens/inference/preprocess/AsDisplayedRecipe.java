package org.raylens.inference.preprocess;

import java.util.Locale;

/**
 * "As displayed": the current VOI window applied to modality values with DICOM's linear VOI function
 * (PS3.3 C.11.2.1.2.1: below c − 0.5 − (w − 1)/2 → 0, above c − 0.5 + (w − 1)/2 → 255, else
 * ((x − (c − 0.5))/(w − 1) + 0.5)·255), then MONOCHROME1 inverted. Useful to embed exactly what a reader saw.
 */
public final class AsDisplayedRecipe implements EightBitRecipe {
    public static final String NAME = "as-displayed";
    private final double center;
    private final double width;

    public AsDisplayedRecipe(double center, double width) {
        if (!(width >= 1.0) || !Double.isFinite(center)) {
            throw new IllegalArgumentException("window width must be ≥ 1 and centre finite (got C=" + center + ", W=" + width + ")");
        }
        this.center = center;
        this.width = width;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "modality values; linear VOI window C=%s W=%s (DICOM PS3.3 C.11.2.1.2.1) to 0-255;"
                + " MONOCHROME1 inverted; rounded to nearest", fmt(center), fmt(width));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    @Override
    public GreyImage8 apply(GreyModalityImage image) {
        float[] v = image.values();
        byte[] out = new byte[v.length];
        double lo = center - 0.5 - (width - 1) / 2;
        double hi = center - 0.5 + (width - 1) / 2;
        for (int i = 0; i < v.length; i++) {
            double x = v[i];
            double y;
            if (!Double.isFinite(x) || x <= lo) {
                y = 0;
            } else if (x > hi) {
                y = 255;
            } else {
                y = ((x - (center - 0.5)) / (width - 1) + 0.5) * 255.0;
            }
            out[i] = EightBitRecipe.toByte(image.monochrome1() ? 255.0 - y : y);
        }
        return new GreyImage8(image.width(), image.height(), out);
    }
}
