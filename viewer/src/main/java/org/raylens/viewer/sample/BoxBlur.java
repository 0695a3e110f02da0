package org.raylens.viewer.sample;

/** Repeated separable box blur (three passes approximate a Gaussian) with clamped edges, for the coarse grid. */
final class BoxBlur {
    private BoxBlur() {}

    static float[] blur(float[] src, int columns, int rows, int radius, int passes) {
        float[] a = src.clone();
        float[] b = new float[a.length];
        for (int p = 0; p < passes; p++) {
            horizontal(a, b, columns, rows, radius);
            vertical(b, a, columns, rows, radius);
        }
        return a;
    }

    private static void horizontal(float[] in, float[] out, int columns, int rows, int radius) {
        float norm = 1f / (2 * radius + 1);
        for (int r = 0; r < rows; r++) {
            int base = r * columns;
            double sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += in[base + clamp(k, columns)];
            }
            for (int c = 0; c < columns; c++) {
                out[base + c] = (float) (sum * norm);
                sum += in[base + clamp(c + radius + 1, columns)] - in[base + clamp(c - radius, columns)];
            }
        }
    }

    private static void vertical(float[] in, float[] out, int columns, int rows, int radius) {
        float norm = 1f / (2 * radius + 1);
        for (int c = 0; c < columns; c++) {
            double sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += in[clamp(k, rows) * columns + c];
            }
            for (int r = 0; r < rows; r++) {
                out[r * columns + c] = (float) (sum * norm);
                sum += in[clamp(r + radius + 1, rows) * columns + c] - in[clamp(r - radius, rows) * columns + c];
            }
        }
    }

    private static int clamp(int i, int n) {
        return i < 0 ? 0 : (i >= n ? n - 1 : i);
    }
}
