package org.raylens.core.result;

import java.util.Arrays;

/**
 * One explanation map on the patch grid (row-major, {@code rows × cols}, raw values before any normalisation for
 * display) with the geometry that places it on the source image and what produced it.
 *
 * @param method      e.g. "attention", "rollout", "point", "gradcam", "gradcam++", "pca"
 * @param description human-readable parameters: layer, head, class, point, fusion…
 * @param channels    1 for scalar maps, 3 for the PCA RGB map (values interleaved per patch)
 * @param provenance  model identity (weights SHA-256), preprocessing recipe and method parameters, one line
 */
public record PatchMap(String method, String description, int rows, int cols, int channels, float[] values,
        MapGeometry geometry, String provenance) {

    public PatchMap {
        if (values.length != rows * cols * channels) {
            throw new IllegalArgumentException("values: " + values.length + " != " + rows + "×" + cols + "×"
                    + channels);
        }
        if (geometry.rows() != rows || geometry.cols() != cols) {
            throw new IllegalArgumentException("geometry grid " + geometry.rows() + "×" + geometry.cols()
                    + " != map grid " + rows + "×" + cols);
        }
        values = values.clone();
        // Every explanation method builds its result here: one place to refuse a NaN map instead of drawing it
        NonFiniteOutputException.check(method + " map", values, 0, values.length);
    }

    public float value(int row, int col) {
        return values[(row * cols + col) * channels];
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** {min, max} of the values (first channel for multi-channel maps). */
    public float[] range() {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i += channels) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        return new float[] {min, max};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatchMap p && method.equals(p.method) && description.equals(p.description)
                && rows == p.rows && cols == p.cols && channels == p.channels && Arrays.equals(values, p.values)
                && geometry.equals(p.geometry) && provenance.equals(p.provenance);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + method.hashCode();
    }
}
