package org.raylens.inference.explain;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Leading eigenpairs of a real symmetric matrix (a covariance), in plain Java: cyclic Jacobi rotations for small
 * matrices, and for large ones (D = 768 for ViT-B) subspace iteration with a Rayleigh–Ritz step solved by the same
 * Jacobi on the small projected matrix. Deterministic: fixed start vectors, and each eigenvector's sign fixed so that
 * its largest-magnitude entry (the first on a tie) is positive.
 */
public final class SymmetricEigen {
    /** Eigenvalues in descending order and the matching unit eigenvectors (vectors[i] is the i-th). */
    public record Pairs(double[] values, double[][] vectors) {
    }

    private static final int JACOBI_LIMIT = 64;

    private SymmetricEigen() {
    }

    /** The k largest eigenpairs of the symmetric n×n matrix {@code a} (row-major, left unchanged). */
    public static Pairs top(double[][] a, int k) {
        int n = a.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("asked for " + k + " eigenpairs of a " + n + "×" + n + " matrix");
        }
        Pairs p = n <= JACOBI_LIMIT ? jacobi(a) : subspace(a, k);
        double[] v = Arrays.copyOf(p.values(), k);
        double[][] vec = new double[k][];
        for (int i = 0; i < k; i++) {
            vec[i] = fixSign(p.vectors()[i]);
        }
        return new Pairs(v, vec);
    }

    /** All eigenpairs by cyclic Jacobi rotations, sorted by descending eigenvalue. */
    public static Pairs jacobi(double[][] input) {
        int n = input.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = input[i].clone();
        }
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            double diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off <= 1e-30 * Math.max(diag, 1e-300)) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(a, v, p, q);
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int i = 0; i < n; i++) {
            values[i] = a[order[i]][order[i]];
            for (int r = 0; r < n; r++) {
                vectors[i][r] = v[r][order[i]];
            }
        }
        return new Pairs(values, vectors);
    }

    /** One Jacobi rotation zeroing a[p][q] (Numerical Recipes' stable form), accumulated into the columns of v. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double apq = a[p][q];
        if (apq == 0) {
            return;
        }
        double theta = (a[q][q] - a[p][p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int r = 0; r < n; r++) {
            double arp = a[r][p];
            double arq = a[r][q];
            a[r][p] = c * arp - s * arq;
            a[r][q] = s * arp + c * arq;
        }
        for (int r = 0; r < n; r++) {
            double apr = a[p][r];
            double aqr = a[q][r];
            a[p][r] = c * apr - s * aqr;
            a[q][r] = s * apr + c * aqr;
        }
        for (int r = 0; r < n; r++) {
            double vrp = v[r][p];
            double vrq = v[r][q];
            v[r][p] = c * vrp - s * vrq;
            v[r][q] = s * vrp + c * vrq;
        }
    }

    /**
     * Subspace (block power) iteration with a few extra vectors, orthonormalised each step, and a Rayleigh–Ritz step
     * that rotates the block onto the eigenvectors; stops when every wanted pair's residual ‖A·v − λ·v‖ is below
     * 1e-9·λ₁.
     */
    private static Pairs subspace(double[][] a, int k) {
        int n = a.length;
        int m = Math.min(n, k + 6);
        double[][] q = new double[m][n];
        SplittableRandom r = new SplittableRandom(20240607L);
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                q[j][i] = r.nextDouble() - 0.5;
            }
        }
        orthonormalise(q);
        double[] values = new double[m];
        for (int iter = 0; iter < 3000; iter++) {
            double[][] z = new double[m][];
            for (int j = 0; j < m; j++) {
                z[j] = multiply(a, q[j]);
            }
            // Rayleigh–Ritz: H = Qᵀ A Q, then Q ← Q · eigvecs(H)
            double[][] h = new double[m][m];
            for (int i = 0; i < m; i++) {
                for (int j = i; j < m; j++) {
                    h[i][j] = h[j][i] = dot(q[i], z[j]);
                }
            }
            Pairs small = jacobi(h);
            double[][] rq = new double[m][n];
            double[][] rz = new double[m][n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double c = small.vectors()[i][j];
                    for (int t = 0; t < n; t++) {
                        rq[i][t] += c * q[j][t];
                        rz[i][t] += c * z[j][t];
                    }
                }
            }
            values = small.values();
            double worst = 0;
            for (int i = 0; i < k; i++) {
                double res = 0;
                for (int t = 0; t < n; t++) {
                    double d = rz[i][t] - values[i] * rq[i][t];
                    res += d * d;
                }
                worst = Math.max(worst, Math.sqrt(res));
            }
            if (worst <= 1e-9 * Math.max(Math.abs(values[0]), 1e-300)) {
                return new Pairs(values, rq);
            }
            q = rz;
            orthonormalise(q);
        }
        throw new ArithmeticException("subspace iteration did not converge in 3000 steps (eigenvalues "
                + Arrays.toString(Arrays.copyOf(values, k)) + ")");
    }

    private static double[] multiply(double[][] a, double[] x) {
        double[] y = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            y[i] = dot(a[i], x);
        }
        return y;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** Modified Gram–Schmidt, twice for stability; a vector that collapses is replaced by a unit basis vector. */
    private static void orthonormalise(double[][] q) {
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < q.length; j++) {
                for (int i = 0; i < j; i++) {
                    double d = dot(q[i], q[j]);
                    for (int t = 0; t < q[j].length; t++) {
                        q[j][t] -= d * q[i][t];
                    }
                }
                double norm = Math.sqrt(dot(q[j], q[j]));
                if (norm < 1e-200) {
                    Arrays.fill(q[j], 0);
                    q[j][j % q[j].length] = 1;
                    norm = 1;
                }
                for (int t = 0; t < q[j].length; t++) {
                    q[j][t] /= norm;
                }
            }
        }
    }

    private static double[] fixSign(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[best]) + 1e-12) {
                best = i;
            }
        }
        double[] out = v.clone();
        if (out[best] < 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = -out[i];
            }
        }
        return out;
    }
}
