package org.raylens.inference.explain.metrics;

import java.util.Random;

/**
 * ROAD's noisy linear imputation (Rong et al. 2022, "A Consistent and Efficient Evaluation Strategy for Attribution
 * Methods"; the authors' {@code road/imputations.py}, reused by pytorch-grad-cam's {@code metrics/road.py}): every
 * removed pixel takes the weighted mean of its eight neighbours inside the image — weight 1/6 for the four direct
 * neighbours, 1/12 for the diagonals, the weights of neighbours outside the image left out of the mean — where the
 * neighbours may themselves be removed. That is one sparse linear system per channel over the removed pixels; the
 * authors solve it directly, here it is solved by conjugate gradients (the matrix, diag(Σ weights) minus the
 * neighbour weights among removed pixels, is symmetric positive definite whenever some pixel is kept). Gaussian
 * noise of standard deviation {@code noise} (absolute; theirs is 0.01) is then added to the imputed values, so that
 * the removed region carries no information about its shape that a model could read.
 */
public final class NoisyLinearImputer {
    private static final int[][] OFFSETS = {{-1, -1}, {-1, 0}, {-1, 1}, {0, -1}, {0, 1}, {1, -1}, {1, 0}, {1, 1}};
    private static final double DIRECT = 1.0 / 6;
    private static final double DIAGONAL = 1.0 / 12;

    private final double noise;
    private final double tolerance;
    private final int maxIterations;

    /** @param noise standard deviation of the noise added to imputed values (0 for none) */
    public NoisyLinearImputer(double noise) {
        this(noise, 1e-6, 5000);
    }

    NoisyLinearImputer(double noise, double tolerance, int maxIterations) {
        this.noise = noise;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    public double noise() {
        return noise;
    }

    /**
     * A copy of {@code image} (C, H, W) with the pixels where {@code removed} is true imputed.
     *
     * @param random the noise's source (seeded by the caller)
     */
    public float[] impute(float[] image, int channels, int height, int width, boolean[] removed, Random random) {
        int n = height * width;
        int[] unknown = new int[n];
        int count = 0;
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = removed[i] ? count : -1;
            if (removed[i]) {
                unknown[count++] = i;
            }
        }
        float[] out = image.clone();
        if (count == 0) {
            return out;
        }
        if (count == n) {
            throw new IllegalArgumentException("linear imputation needs at least one kept pixel");
        }
        // the system: diag[k] x_k − Σ_{removed neighbours j} w x_j = Σ_{kept neighbours j} w v_j
        double[] diag = new double[count];
        for (int k = 0; k < count; k++) {
            int y = unknown[k] / width;
            int x = unknown[k] % width;
            for (int[] o : OFFSETS) {
                int yy = y + o[0];
                int xx = x + o[1];
                if (yy >= 0 && yy < height && xx >= 0 && xx < width) {
                    diag[k] += weight(o);
                }
            }
        }
        for (int c = 0; c < channels; c++) {
            int base = c * n;
            double[] b = new double[count];
            for (int k = 0; k < count; k++) {
                int y = unknown[k] / width;
                int x = unknown[k] % width;
                for (int[] o : OFFSETS) {
                    int yy = y + o[0];
                    int xx = x + o[1];
                    if (yy >= 0 && yy < height && xx >= 0 && xx < width && index[yy * width + xx] < 0) {
                        b[k] += weight(o) * image[base + yy * width + xx];
                    }
                }
            }
            double[] solution = solve(b, diag, unknown, index, height, width);
            for (int k = 0; k < count; k++) {
                out[base + unknown[k]] = (float) (solution[k] + noise * random.nextGaussian());
            }
        }
        return out;
    }

    private static double weight(int[] o) {
        return o[0] == 0 || o[1] == 0 ? DIRECT : DIAGONAL;
    }

    /** Conjugate gradients from a start of b / diag (each pixel the mean of its kept neighbours alone). */
    private double[] solve(double[] b, double[] diag, int[] unknown, int[] index, int height, int width) {
        int m = b.length;
        double[] x = new double[m];
        for (int k = 0; k < m; k++) {
            x[k] = b[k] / diag[k];
        }
        double[] r = new double[m];
        double[] ax = multiply(x, diag, unknown, index, height, width);
        double bNorm = 0;
        for (int k = 0; k < m; k++) {
            r[k] = b[k] - ax[k];
            bNorm += b[k] * b[k];
        }
        double[] p = r.clone();
        double rr = dot(r, r);
        double stop = tolerance * tolerance * Math.max(bNorm, 1e-30);
        for (int it = 0; it < maxIterations && rr > stop; it++) {
            double[] ap = multiply(p, diag, unknown, index, height, width);
            double alpha = rr / dot(p, ap);
            for (int k = 0; k < m; k++) {
                x[k] += alpha * p[k];
                r[k] -= alpha * ap[k];
            }
            double next = dot(r, r);
            double beta = next / rr;
            rr = next;
            for (int k = 0; k < m; k++) {
                p[k] = r[k] + beta * p[k];
            }
        }
        return x;
    }

    private static double[] multiply(double[] v, double[] diag, int[] unknown, int[] index, int height, int width) {
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            int y = unknown[k] / width;
            int x = unknown[k] % width;
            double s = diag[k] * v[k];
            for (int[] o : OFFSETS) {
                int yy = y + o[0];
                int xx = x + o[1];
                if (yy >= 0 && yy < height && xx >= 0 && xx < width) {
                    int j = index[yy * width + xx];
                    if (j >= 0) {
                        s -= weight(o) * v[j];
                    }
                }
            }
            out[k] = s;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
