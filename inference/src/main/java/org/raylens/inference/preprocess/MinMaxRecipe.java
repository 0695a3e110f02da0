package org.raylens.inference.preprocess;

/**
 * The RAD-DINO model card's preprocessing of its training DICOMs: modality values, MONOCHROME1 inverted so bone is
 * bright, then min–max scaled to 0–255 over the whole image (rounded to nearest). Non-finite values are ignored for
 * min/max and map to 0. A constant image maps to all zeros.
 */
public final class MinMaxRecipe implements EightBitRecipe {
    public static final String NAME = "minmax";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "modality values; MONOCHROME1 inverted; min-max scaled to 0-255 over the image, rounded to nearest"
                + " (RAD-DINO model card)";
    }

    @Override
    public GreyImage8 apply(GreyModalityImage image) {
        float[] v = image.values();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float f : v) {
            if (Float.isFinite(f)) {
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
        }
        byte[] out = new byte[v.length];
        double range = max - min;
        if (range > 0) {
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    continue;
                }
                double s = (v[i] - min) / range * 255.0;
                out[i] = EightBitRecipe.toByte(image.monochrome1() ? 255.0 - s : s);
            }
        }
        return new GreyImage8(image.width(), image.height(), out);
    }
}
