package org.raylens.inference.explain.attribution;

import java.util.Locale;

/**
 * How Integrated Gradients approximates its path integral ∫₀¹ ∂f(x' + α(x − x'))/∂x dα: the points α along the path
 * and their weights, with Captum's definitions ({@code captum.attr._utils.approximation_methods}): Riemann left,
 * right, middle and trapezoid sums on n points, and n-point Gauss–Legendre quadrature mapped from [−1, 1] to [0, 1]
 * (Captum's default). The weights of every rule sum to 1, so a model linear in its input gets exact attributions.
 */
public enum IntegrationRule {
    RIEMANN_LEFT, RIEMANN_RIGHT, RIEMANN_MIDDLE, RIEMANN_TRAPEZOID, GAUSS_LEGENDRE;

    /** The command-line name, e.g. "gausslegendre", "riemann_trapezoid" (Captum's spelling). */
    public String cliName() {
        return this == GAUSS_LEGENDRE ? "gausslegendre" : name().toLowerCase(Locale.ROOT);
    }

    public static IntegrationRule parse(String s) {
        for (IntegrationRule r : values()) {
            if (r.cliName().equalsIgnoreCase(s) || r.name().equalsIgnoreCase(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown integration rule \"" + s + "\"; use gausslegendre, riemann_left,"
                + " riemann_right, riemann_middle or riemann_trapezoid");
    }

    /** The n points α in [0, 1], ascending. */
    public double[] alphas(int n) {
        check(n);
        double[] a = new double[n];
        switch (this) {
            case RIEMANN_LEFT -> linspace(a, 0, 1 - 1.0 / n);
            case RIEMANN_RIGHT -> linspace(a, 1.0 / n, 1);
            case RIEMANN_MIDDLE -> linspace(a, 1.0 / (2 * n), 1 - 1.0 / (2 * n));
            case RIEMANN_TRAPEZOID -> linspace(a, 0, 1);
            case GAUSS_LEGENDRE -> {
                double[] x = legendre(n)[0];
                for (int i = 0; i < n; i++) {
                    a[i] = 0.5 * (1 + x[i]);
                }
            }
            default -> throw new IllegalStateException();
        }
        return a;
    }

    /** The weight of each point (Captum's step sizes), summing to 1. */
    public double[] weights(int n) {
        check(n);
        double[] w = new double[n];
        switch (this) {
            case RIEMANN_LEFT, RIEMANN_RIGHT, RIEMANN_MIDDLE -> java.util.Arrays.fill(w, 1.0 / n);
            case RIEMANN_TRAPEZOID -> {
                java.util.Arrays.fill(w, 1.0 / (n - 1));
                w[0] = 0.5 / (n - 1);
                w[n - 1] = 0.5 / (n - 1);
            }
            case GAUSS_LEGENDRE -> {
                double[] lw = legendre(n)[1];
                for (int i = 0; i < n; i++) {
                    w[i] = 0.5 * lw[i];
                }
            }
            default -> throw new IllegalStateException();
        }
        return w;
    }

    private void check(int n) {
        if (n < (this == RIEMANN_TRAPEZOID ? 2 : 1)) {
            throw new IllegalArgumentException(cliName() + " needs at least " + (this == RIEMANN_TRAPEZOID ? 2 : 1)
                    + " steps, got " + n);
        }
    }

    private static void linspace(double[] a, double from, double to) {
        int n = a.length;
        for (int i = 0; i < n; i++) {
            a[i] = n == 1 ? from : from + (to - from) * i / (n - 1);
        }
    }

    /**
     * Gauss–Legendre nodes (ascending) and weights on [−1, 1], as numpy's {@code leggauss}: Newton's method on
     * Pₙ from Chebyshev-like starting points, weights 2 / ((1 − x²) Pₙ'(x)²).
     */
    static double[][] legendre(int n) {
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1;
                double p1 = z;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (z * p1 - p0) / (z * z - 1);
                double dz = p1 / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-15) {
                    break;
                }
            }
            // cos of an increasing angle falls: fill from the end so the nodes ascend
            x[n - 1 - i] = z;
            w[n - 1 - i] = 2 / ((1 - z * z) * dp * dp);
        }
        return new double[][]{x, w};
    }
}
