package org.raylens.inference.explain;

/**
 * pytorch-grad-cam's {@code get_2d_projection} (EigenCAM, and {@code eigen_smooth} for the other CAMs): the (P, D)
 * terms, NaN set to 0 and centred per channel, projected on their first principal component (the first right
 * singular vector). An SVD's sign is arbitrary, so the sign is fixed as pytorch-grad-cam's sign-corrected variant
 * does (Seg-Eigen-CAM, eq. 13): flipped when |min| > |max|, so the strongest response is positive.
 */
final class CamProjection {
    private CamProjection() {
    }

    /** P values: the centred terms projected on their first principal component. */
    static double[] firstComponent(double[] terms, int patches, int channels) {
        double[] x = new double[terms.length];
        double[] mean = new double[channels];
        for (int t = 0; t < patches; t++) {
            for (int c = 0; c < channels; c++) {
                double v = terms[t * channels + c];
                x[t * channels + c] = Double.isNaN(v) ? 0 : v;
                mean[c] += x[t * channels + c];
            }
        }
        for (int c = 0; c < channels; c++) {
            mean[c] /= patches;
        }
        for (int t = 0; t < patches; t++) {
            for (int c = 0; c < channels; c++) {
                x[t * channels + c] -= mean[c];
            }
        }
        double[] projection = channels <= patches ? viaCovariance(x, patches, channels) : viaGram(x, patches, channels);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : projection) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (Math.abs(min) > Math.abs(max)) {
            for (int i = 0; i < projection.length; i++) {
                projection[i] = -projection[i];
            }
        }
        return projection;
    }

    /** X·v with v the top eigenvector of XᵀX (D × D): for D ≤ P. */
    private static double[] viaCovariance(double[] x, int p, int d) {
        double[][] cov = new double[d][d];
        for (int t = 0; t < p; t++) {
            int row = t * d;
            for (int i = 0; i < d; i++) {
                double xi = x[row + i];
                if (xi == 0) {
                    continue;
                }
                double[] ci = cov[i];
                for (int j = i; j < d; j++) {
                    ci[j] += xi * x[row + j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                cov[i][j] = cov[j][i];
            }
        }
        double[] v = SymmetricEigen.top(cov, 1).vectors()[0];
        double[] out = new double[p];
        for (int t = 0; t < p; t++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                s += x[t * d + c] * v[c];
            }
            out[t] = s;
        }
        return out;
    }

    /** √λ·u with (λ, u) the top eigenpair of XXᵀ (P × P), which equals X·v: for P < D. */
    private static double[] viaGram(double[] x, int p, int d) {
        double[][] gram = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = i; j < p; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += x[i * d + c] * x[j * d + c];
                }
                gram[i][j] = s;
                gram[j][i] = s;
            }
        }
        SymmetricEigen.Pairs top = SymmetricEigen.top(gram, 1);
        double scale = Math.sqrt(Math.max(top.values()[0], 0));
        double[] out = new double[p];
        for (int t = 0; t < p; t++) {
            out[t] = scale * top.vectors()[0][t];
        }
        return out;
    }
}
