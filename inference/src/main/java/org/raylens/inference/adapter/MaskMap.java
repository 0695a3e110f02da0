package org.raylens.inference.adapter;

/**
 * A segmentation output on the source image: per source pixel (row-major, {@code width × height}) the mask
 * probability, or NaN where the model did not see the pixel (cropped away, or beyond the last whole patch) — never
 * stretched into that border.
 */
public record MaskMap(String label, int width, int height, float[] probability, double threshold, String provenance) {
    public MaskMap {
        if ((long) width * height != probability.length) {
            throw new IllegalArgumentException("probability has " + probability.length + " values, not " + width + "×" + height);
        }
        probability = probability.clone();
    }

    @Override
    public float[] probability() {
        return probability.clone();
    }

    public float at(int x, int y) {
        return probability[y * width + x];
    }
}
