package org.raylens.inference.explain;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PCA recovers planted structure; the eigensolver matches a known spectrum; the mask picks the central blob. */
class FeaturePcaTest {

    /** Tokens = 3·a·u₁ + 2·b·u₂ + 1·c·u₃ + small noise with orthonormal u's: the components must come back in order. */
    private static void plantedComponentsAreRecovered(int d) {
        SplittableRandom r = new SplittableRandom(d);
        double[][] u = new double[3][d];
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < d; j++) {
                u[k][j] = r.nextGaussian();
            }
            for (int i = 0; i < k; i++) {
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += u[k][j] * u[i][j];
                }
                for (int j = 0; j < d; j++) {
                    u[k][j] -= dot * u[i][j];
                }
            }
            double norm = 0;
            for (int j = 0; j < d; j++) {
                norm += u[k][j] * u[k][j];
            }
            for (int j = 0; j < d; j++) {
                u[k][j] /= Math.sqrt(norm);
            }
        }
        int rows = 12;
        int cols = 10;
        int p = rows * cols;
        double[][] coef = new double[p][3];
        float[] tokens = new float[p * d];
        for (int t = 0; t < p; t++) {
            for (int k = 0; k < 3; k++) {
                coef[t][k] = r.nextGaussian();
            }
        }
        // centred, mutually orthogonal coefficient columns with norms 3:2:1, so the sample PCA is exactly the planted one
        for (int k = 0; k < 3; k++) {
            double m = 0;
            for (int t = 0; t < p; t++) {
                m += coef[t][k] / p;
            }
            for (int t = 0; t < p; t++) {
                coef[t][k] -= m;
            }
            for (int i = 0; i < k; i++) {
                double dot = 0;
                for (int t = 0; t < p; t++) {
                    dot += coef[t][k] * coef[t][i];
                }
                for (int t = 0; t < p; t++) {
                    coef[t][k] -= dot * coef[t][i];
                }
            }
            double norm = 0;
            for (int t = 0; t < p; t++) {
                norm += coef[t][k] * coef[t][k];
            }
            for (int t = 0; t < p; t++) {
                coef[t][k] /= Math.sqrt(norm);
            }
        }
        for (int t = 0; t < p; t++) {
            for (int k = 0; k < 3; k++) {
                coef[t][k] *= (3 - k) * Math.sqrt(p);
            }
            for (int j = 0; j < d; j++) {
                double v = 0.5 + 0.01 * r.nextGaussian();
                for (int k = 0; k < 3; k++) {
                    v += coef[t][k] * u[k][j];
                }
                tokens[t * d + j] = (float) v;
            }
        }
        FeaturePca.Analysis a = FeaturePca.analyse(tokens, p, d, rows, cols, FeaturePca.Threshold.NONE);
        double[] meanCoef = new double[3];
        for (int t = 0; t < p; t++) {
            for (int k = 0; k < 3; k++) {
                meanCoef[k] += coef[t][k] / p;
            }
        }
        for (int k = 0; k < 3; k++) {
            // the k-th score column must be ± the centred planted coefficient of component k
            double dot = 0;
            double n1 = 0;
            double n2 = 0;
            for (int t = 0; t < p; t++) {
                double s = a.scores()[t * 3 + k];
                double c = coef[t][k] - meanCoef[k];
                dot += s * c;
                n1 += s * s;
                n2 += c * c;
            }
            double cos = Math.abs(dot) / Math.sqrt(n1 * n2);
            assertTrue(cos > 0.9999, "D=" + d + " component " + k + ": |cos| = " + cos);
        }
        assertTrue(a.explained()[0] > a.explained()[1] && a.explained()[1] > a.explained()[2]);
        assertEquals(1.0, a.explained()[0] + a.explained()[1] + a.explained()[2], 1e-3, "noise is tiny");
        // the result is deterministic (same sign every time)
        FeaturePca.Analysis again = FeaturePca.analyse(tokens, p, d, rows, cols, FeaturePca.Threshold.NONE);
        assertEquals(a.scores()[0], again.scores()[0]);
    }

    @Test
    void recoversPlantedComponentsWithJacobi() {
        plantedComponentsAreRecovered(24);
    }

    @Test
    void recoversPlantedComponentsWithSubspaceIteration() {
        plantedComponentsAreRecovered(96);
    }

    @Test
    void eigensolverOnAKnownSpectrum() {
        // Q·diag(λ)·Qᵀ with a random orthogonal Q (from Jacobi of a random symmetric matrix); n = 200 has the slowly
        // decaying spectrum of a ViT's patch tokens (top gaps of 0.03 %), where the old subspace iteration crawled
        for (int n : new int[]{5, 80, 200}) {
            SplittableRandom r = new SplittableRandom(n);
            double[][] s = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = i; j < n; j++) {
                    s[i][j] = s[j][i] = r.nextGaussian();
                }
            }
            double[][] q = SymmetricEigen.jacobi(s).vectors();
            double[] lambda = new double[n];
            for (int i = 0; i < n; i++) {
                lambda[i] = n == 200 ? 3 - 0.001 * i : n - i + (i < 3 ? 10 : 0);
            }
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    for (int k = 0; k < n; k++) {
                        a[i][j] += q[k][i] * lambda[k] * q[k][j];
                    }
                }
            }
            SymmetricEigen.Pairs p = SymmetricEigen.top(a, 3);
            for (int k = 0; k < 3; k++) {
                assertEquals(lambda[k], p.values()[k], 1e-8 * lambda[0], "n=" + n + " λ" + k);
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += p.vectors()[k][i] * q[k][i];
                }
                assertEquals(1.0, Math.abs(dot), 1e-7, "n=" + n + " vector " + k);
                int big = 0;
                for (int i = 1; i < n; i++) {
                    if (Math.abs(p.vectors()[k][i]) > Math.abs(p.vectors()[k][big])) {
                        big = i;
                    }
                }
                assertTrue(p.vectors()[k][big] > 0, "sign convention: largest loading positive");
            }
        }
    }

    @Test
    void foregroundIsTheCentralBlobWhateverTheSign() {
        int rows = 8;
        int cols = 10;
        int d = 16;
        for (double sign : new double[]{1, -1}) {
            SplittableRandom r = new SplittableRandom(3);
            float[] tokens = new float[rows * cols * d];
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    // a large central blob (more than half the patches) that differs along channel 0
                    boolean fg = y >= 1 && y < 7 && x >= 1 && x < 9;
                    for (int j = 0; j < d; j++) {
                        tokens[(y * cols + x) * d + j] = (float) (0.05 * r.nextGaussian() + (j == 0 && fg ? sign : 0));
                    }
                }
            }
            for (FeaturePca.Threshold th : new FeaturePca.Threshold[]{FeaturePca.Threshold.ZERO, FeaturePca.Threshold.OTSU}) {
                FeaturePca.Analysis a = FeaturePca.analyse(tokens, rows * cols, d, rows, cols, th);
                for (int y = 0; y < rows; y++) {
                    for (int x = 0; x < cols; x++) {
                        boolean fg = y >= 1 && y < 7 && x >= 1 && x < 9;
                        assertEquals(fg ? 1f : 0f, a.mask()[y * cols + x], th + " sign " + sign + " at " + y + "," + x
                                + ": " + a.maskRule());
                    }
                }
            }
        }
    }
}
