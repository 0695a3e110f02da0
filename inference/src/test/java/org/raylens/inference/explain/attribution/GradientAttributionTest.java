package org.raylens.inference.explain.attribution;

import org.junit.jupiter.api.Test;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.explain.InputGradientFunction;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Saliency, SmoothGrad and Integrated Gradients against a model whose answers are known in closed form: a linear
 * f(x) = w·x + b, whose gradient is w everywhere, so Saliency = |w|, SmoothGrad = |w| whatever the noise, and
 * Integrated Gradients = (x − x')·w exactly with a zero convergence delta; and a quadratic whose IG is worked by hand.
 */
class GradientAttributionTest {
    private static final int C = 2;
    private static final int H = 3;
    private static final int W = 4;
    private static final int N = C * H * W;

    private final float[] w = random(1, 1.0);
    private final FloatTensor x = new FloatTensor(random(2, 2.0), new long[]{1, C, H, W});

    private static float[] random(long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[N];
        for (int i = 0; i < N; i++) {
            v[i] = (float) (scale * r.nextGaussian());
        }
        return v;
    }

    /** f(x) = w·x + 0.5, batched; counts the images it was given. */
    private InputGradientFunction linear(AtomicInteger calls) {
        return (images, cancel) -> {
            int b = images.dim(0);
            calls.addAndGet(b);
            float[] g = new float[b * N];
            double[] s = new double[b];
            for (int k = 0; k < b; k++) {
                double f = 0.5;
                for (int i = 0; i < N; i++) {
                    g[k * N + i] = w[i];
                    f += (double) w[i] * images.data()[k * N + i];
                }
                s[k] = f;
            }
            return new InputGradientFunction.Result(g, s);
        };
    }

    @Test
    void saliencyOfALinearModelIsTheAbsoluteWeight() {
        float[] s = new GradientAttribution(linear(new AtomicInteger()), 4).saliency(x, CancellationToken.NONE);
        for (int i = 0; i < N; i++) {
            assertEquals(Math.abs(w[i]), s[i], 0f);
        }
    }

    @Test
    void smoothGradOfALinearModelIsTheAbsoluteWeightAndRunsEverySampleInBatches() {
        AtomicInteger calls = new AtomicInteger();
        float[] s = new GradientAttribution(linear(calls), 3).smoothGrad(x, 7, 0.2, 5, Progress.NONE,
                CancellationToken.NONE);
        assertEquals(7, calls.get());
        for (int i = 0; i < N; i++) {
            assertEquals(Math.abs(w[i]), s[i], 1e-6);
        }
    }

    @Test
    void smoothGradIsSeededAndAddsNoiseOfTheAskedSize() {
        // f = Σ x²/2 has gradient x: the mean |x + ε| differs from |x| by the noise, and the same seed repeats it
        InputGradientFunction square = (images, cancel) -> new InputGradientFunction.Result(images.data().clone(),
                new double[images.dim(0)]);
        GradientAttribution a = new GradientAttribution(square, 2);
        float[] one = a.smoothGrad(x, 5, 0.1, 9, Progress.NONE, CancellationToken.NONE);
        assertArrayEquals(one, a.smoothGrad(x, 5, 0.1, 9, Progress.NONE, CancellationToken.NONE));
        float[] zeroNoise = a.smoothGrad(x, 5, 0.0, 9, Progress.NONE, CancellationToken.NONE);
        for (int i = 0; i < N; i++) {
            assertEquals(Math.abs(x.data()[i]), zeroNoise[i], 1e-6);
        }
        double diff = 0;
        for (int i = 0; i < N; i++) {
            diff += Math.abs(one[i] - zeroNoise[i]);
        }
        assertTrue(diff > 1e-3, "noise changes the gradients of a non-linear model");
    }

    @Test
    void integratedGradientsOfALinearModelIsInputTimesWeightForEveryRule() {
        for (IntegrationRule rule : IntegrationRule.values()) {
            AtomicInteger calls = new AtomicInteger();
            GradientAttribution.IntegratedGradients ig = new GradientAttribution(linear(calls), 4)
                    .integratedGradients(x, 0f, 9, rule, Progress.NONE, CancellationToken.NONE);
            assertEquals(9 + 2, calls.get(), "n steps plus f(x) and f(baseline)");
            double fx = 0.5;
            for (int i = 0; i < N; i++) {
                assertEquals(x.data()[i] * w[i], ig.attributions()[i], 1e-5, rule + " pixel " + i);
                fx += (double) w[i] * x.data()[i];
            }
            assertEquals(fx, ig.inputScore(), 1e-5);
            assertEquals(0.5, ig.baselineScore(), 1e-6);
            assertEquals(0, ig.delta(), 1e-3, "completeness");
        }
    }

    @Test
    void integratedGradientsFromAGivenBaselineScalesTheDifference() {
        GradientAttribution.IntegratedGradients ig = new GradientAttribution(linear(new AtomicInteger()), 50)
                .integratedGradients(x, -1.5f, 4, IntegrationRule.GAUSS_LEGENDRE, Progress.NONE, CancellationToken.NONE);
        for (int i = 0; i < N; i++) {
            assertEquals((x.data()[i] + 1.5) * w[i], ig.attributions()[i], 1e-5);
        }
        assertEquals(0, ig.delta(), 1e-3);
    }

    @Test
    void integratedGradientsOfAQuadraticByHand() {
        // f(x) = Σ xᵢ²/2, baseline 0: the path gradient is α·x, ∫₀¹ α dα = 1/2, so IG = x²/2 exactly for any rule
        // exact on degree-1 integrands (Gauss–Legendre, midpoint, trapezoid), and completeness holds
        InputGradientFunction square = (images, cancel) -> {
            double[] s = new double[images.dim(0)];
            float[] d = images.data();
            for (int k = 0; k < s.length; k++) {
                for (int i = 0; i < N; i++) {
                    s[k] += d[k * N + i] * (double) d[k * N + i] / 2;
                }
            }
            return new InputGradientFunction.Result(d.clone(), s);
        };
        for (IntegrationRule rule : new IntegrationRule[]{IntegrationRule.GAUSS_LEGENDRE,
                IntegrationRule.RIEMANN_MIDDLE, IntegrationRule.RIEMANN_TRAPEZOID}) {
            GradientAttribution.IntegratedGradients ig = new GradientAttribution(square, 3)
                    .integratedGradients(x, 0f, 5, rule, Progress.NONE, CancellationToken.NONE);
            for (int i = 0; i < N; i++) {
                assertEquals(x.data()[i] * x.data()[i] / 2, ig.attributions()[i], 1e-5, rule.cliName());
            }
            assertEquals(0, ig.delta(), 1e-3);
        }
        // the left sum is not exact: Σ (k/n)/n = (n−1)/(2n) instead of 1/2, and the delta says so
        GradientAttribution.IntegratedGradients left = new GradientAttribution(square, 3)
                .integratedGradients(x, 0f, 5, IntegrationRule.RIEMANN_LEFT, Progress.NONE, CancellationToken.NONE);
        double fx = 0;
        for (float v : x.data()) {
            fx += v * (double) v / 2;
        }
        assertEquals(fx * 0.8 - fx, left.delta(), 1e-4);
    }

    @Test
    void gaussLegendreMatchesTheTabulatedThreePointRule() {
        double[][] nw = IntegrationRule.legendre(3);
        assertArrayEquals(new double[]{-Math.sqrt(0.6), 0, Math.sqrt(0.6)}, nw[0], 1e-14);
        assertArrayEquals(new double[]{5.0 / 9, 8.0 / 9, 5.0 / 9}, nw[1], 1e-14);
        double sum = 0;
        for (double v : IntegrationRule.GAUSS_LEGENDRE.weights(50)) {
            sum += v;
        }
        assertEquals(1, sum, 1e-12);
        assertArrayEquals(new double[]{0, 1.0 / 3, 2.0 / 3, 1}, IntegrationRule.RIEMANN_TRAPEZOID.alphas(4), 1e-15);
        assertArrayEquals(new double[]{1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6}, IntegrationRule.RIEMANN_TRAPEZOID.weights(4),
                1e-15);
        assertEquals(IntegrationRule.RIEMANN_TRAPEZOID, IntegrationRule.parse("riemann_trapezoid"));
        assertThrows(IllegalArgumentException.class, () -> IntegrationRule.parse("simpson"));
    }

    @Test
    void cancelStopsBetweenBatches() {
        AtomicInteger calls = new AtomicInteger();
        CancellationToken cancelled = () -> calls.get() >= 2;
        assertThrows(java.util.concurrent.CancellationException.class, () -> new GradientAttribution(linear(calls), 2)
                .integratedGradients(x, 0f, 20, IntegrationRule.GAUSS_LEGENDRE, Progress.NONE, cancelled));
        assertEquals(2, calls.get());
    }
}
