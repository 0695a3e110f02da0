package org.raylens.inference.explain;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Leading eigenpairs of a real symmetric matrix (a covariance), in plain Java: cyclic Jacobi rotations for small
 * matrices, and for large ones (D = 768 for ViT-B) Lanczos with full reorthogonalisation, whose small tridiagonal
 * matrix is solved by the same Jacobi. (Subspace iteration, used before, needed 1.4 s for the slowly decaying spectrum
 * of a ViT-B's patch tokens — most of an Analyse's cost beyond the forward; Lanczos converges in far fewer products.) Deterministic: fixed start vectors, and each eigenvector's sign fixed so that
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
        Pairs p = n <= JACOBI_LIMIT ? jacobi(a) : lanczos(a, k);
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
     * The k largest eigenpairs by Lanczos with full reorthogonalisation (twice, so the basis stays orthonormal to
     * rounding), from a fixed start vector. Convergence is checked at growing basis sizes by the Ritz residuals
     * |β·s_last|, to the same 1e-9 relative tolerance the subspace iteration used.
     */
    private static Pairs lanczos(double[][] a, int k) {
        int n = a.length;
        double[][] basis = new double[n][];
        double[] alpha = new double[n];
        double[] beta = new double[n];
        SplittableRandom r = new SplittableRandom(20240607L);
        basis[0] = unitRandom(r, n, basis, 0);
        int nextCheck = Math.max(k + 10, 20);
        for (int j = 0; j < n; j++) {
            double[] w = multiply(a, basis[j]);
            alpha[j] = dot(basis[j], w);
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i <= j; i++) {
                    double c = dot(basis[i], w);
                    for (int t = 0; t < n; t++) {
                        w[t] -= c * basis[i][t];
                    }
                }
            }
            double b = Math.sqrt(dot(w, w));
            int m = j + 1;
            double scale = Math.max(Math.abs(alpha[0]), 1e-300);
            boolean invariant = b <= 1e-12 * scale;
            if (m >= k && (m >= nextCheck || m == n || invariant)) {
                Pairs ritz = tridiagonal(alpha, beta, m);
                double worst = 0;
                for (int i = 0; i < k; i++) {
                    worst = Math.max(worst, Math.abs(b * ritz.vectors()[i][m - 1]));
                }
                if (invariant || m == n || worst <= 1e-9 * Math.max(Math.abs(ritz.values()[0]), 1e-300)) {
                    double[][] vectors = new double[k][n];
                    for (int i = 0; i < k; i++) {
                        for (int l = 0; l < m; l++) {
                            double c = ritz.vectors()[i][l];
                            for (int t = 0; t < n; t++) {
                                vectors[i][t] += c * basis[l][t];
                            }
                        }
                    }
                    return new Pairs(Arrays.copyOf(ritz.values(), k), vectors);
                }
                nextCheck = m + Math.max(10, m / 2);
            }
            if (j + 1 < n) {
                if (invariant) {
                    // the start vector's Krylov space is exhausted: go on from a new direction orthogonal to it
                    beta[j] = 0;
                    basis[j + 1] = unitRandom(r, n, basis, j + 1);
                } else {
                    beta[j] = b;
                    for (int t = 0; t < n; t++) {
                        w[t] /= b;
                    }
                    basis[j + 1] = w;
                }
            }
        }
        throw new ArithmeticException("Lanczos did not converge in " + n + " steps");
    }

    /** Eigenpairs of the m×m tridiagonal matrix (diagonal alpha, off-diagonal beta), descending. */
    private static Pairs tridiagonal(double[] alpha, double[] beta, int m) {
        double[][] t = new double[m][m];
        for (int i = 0; i < m; i++) {
            t[i][i] = alpha[i];
            if (i + 1 < m) {
                t[i][i + 1] = beta[i];
                t[i + 1][i] = beta[i];
            }
        }
        return jacobi(t);
    }

    /** A random unit vector orthogonal to the first {@code count} basis vectors. */
    private static double[] unitRandom(SplittableRandom r, int n, double[][] basis, int count) {
        double[] v = new double[n];
        for (int t = 0; t < n; t++) {
            v[t] = r.nextDouble() - 0.5;
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < count; i++) {
                double c = dot(basis[i], v);
                for (int t = 0; t < n; t++) {
                    v[t] -= c * basis[i][t];
                }
            }
        }
        double norm = Math.sqrt(dot(v, v));
        for (int t = 0; t < n; t++) {
            v[t] /= norm;
        }
        return v;
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

    /** The vector with its largest-magnitude entry (the first on a tie) made positive. */
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
