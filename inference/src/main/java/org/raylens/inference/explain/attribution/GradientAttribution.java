package org.raylens.inference.explain.attribution;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.explain.InputGradientFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;

/**
 * Gradient attribution on the input with Captum's definitions, in plain Java over any {@link InputGradientFunction}
 * (the family's differentiable forward, or a test's model with known gradients). Each returns per-pixel (C, H, W)
 * attributions; how they become a map is the explainer's choice. The many gradient passes of SmoothGrad and
 * Integrated Gradients run in batches of {@code batch} images (Captum's {@code internal_batch_size}).
 *
 * <ul>
 *   <li>Saliency (Simonyan et al. 2014; Captum {@code Saliency(abs=True)}): |∂f/∂x|.</li>
 *   <li>SmoothGrad (Smilkov et al. 2017; Captum {@code NoiseTunnel(Saliency)}, {@code nt_type="smoothgrad"}):
 *       (1/N) Σₙ |∂f/∂x (x + εₙ)|, εₙ ~ N(0, σ²) with σ = {@code sigmaFraction} · (max x − min x), seeded.</li>
 *   <li>Integrated Gradients (Sundararajan et al. 2017; Captum {@code IntegratedGradients}):
 *       (x − x') · Σₖ wₖ ∂f/∂x (x' + αₖ (x − x')), with the points and weights of an {@link IntegrationRule}, and
 *       Captum's convergence delta Σ attributions − (f(x) − f(x')).</li>
 * </ul>
 */
public final class GradientAttribution {
    private final InputGradientFunction function;
    private final int batch;

    /** @param batch at most this many images per gradient pass */
    public GradientAttribution(InputGradientFunction function, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.function = function;
        this.batch = batch;
    }

    /** Integrated Gradients' attributions with the scores its convergence delta compares. */
    public record IntegratedGradients(float[] attributions, double inputScore, double baselineScore, double delta) {
    }

    /** |∂f/∂x| of one (1, C, H, W) image. */
    public float[] saliency(FloatTensor image, CancellationToken cancel) {
        checkOne(image);
        float[] g = function.apply(image, cancel).gradients();
        for (int i = 0; i < g.length; i++) {
            g[i] = Math.abs(g[i]);
        }
        return g;
    }

    /** Mean |∂f/∂x| over {@code samples} noisy copies of one image. */
    public float[] smoothGrad(FloatTensor image, int samples, double sigmaFraction, long seed, Progress progress,
                              CancellationToken cancel) {
        checkOne(image);
        if (samples < 1 || !(sigmaFraction >= 0)) {
            throw new IllegalArgumentException("SmoothGrad needs samples ≥ 1 and σ ≥ 0, got " + samples + ", "
                    + sigmaFraction);
        }
        float[] x = image.data();
        double sigma = sigmaFraction * range(x);
        Random random = new Random(seed);
        List<float[]> copies = new ArrayList<>();
        for (int s = 0; s < samples; s++) {
            float[] noisy = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                noisy[i] = (float) (x[i] + sigma * random.nextGaussian());
            }
            copies.add(noisy);
        }
        double[] sum = new double[x.length];
        runBatched(image, copies, progress, cancel, (r, offset, count) -> {
            float[] g = r.gradients();
            for (int b = 0; b < count; b++) {
                for (int i = 0; i < x.length; i++) {
                    sum[i] += Math.abs(g[b * x.length + i]);
                }
            }
        });
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (sum[i] / samples);
        }
        return out;
    }

    /** Integrated Gradients of one image from a constant baseline. */
    public IntegratedGradients integratedGradients(FloatTensor image, float baselineValue, int steps,
                                                   IntegrationRule rule, Progress progress, CancellationToken cancel) {
        checkOne(image);
        float[] baseline = new float[image.data().length];
        java.util.Arrays.fill(baseline, baselineValue);
        return integratedGradients(image, baseline, steps, rule, progress, cancel);
    }

    /** Integrated Gradients of one image from a baseline image of its shape. */
    public IntegratedGradients integratedGradients(FloatTensor image, float[] baseline, int steps, IntegrationRule rule,
                                                   Progress progress, CancellationToken cancel) {
        checkOne(image);
        float[] x = image.data();
        if (baseline.length != x.length) {
            throw new IllegalArgumentException("baseline has " + baseline.length + " values, the image " + x.length);
        }
        double[] alphas = rule.alphas(steps);
        double[] weights = rule.weights(steps);
        List<float[]> points = new ArrayList<>();
        for (double a : alphas) {
            float[] p = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                p[i] = (float) (baseline[i] + a * (x[i] - baseline[i]));
            }
            points.add(p);
        }
        // f(x) and f(x') for the convergence delta ride along in the same batches
        points.add(x.clone());
        points.add(baseline.clone());
        double[] sum = new double[x.length];
        double[] scores = new double[points.size()];
        runBatched(image, points, progress, cancel, (r, offset, count) -> {
            float[] g = r.gradients();
            for (int b = 0; b < count; b++) {
                int k = offset + b;
                scores[k] = r.scores()[b];
                if (k < steps) {
                    for (int i = 0; i < x.length; i++) {
                        sum[i] += weights[k] * g[b * x.length + i];
                    }
                }
            }
        });
        float[] attr = new float[x.length];
        double total = 0;
        for (int i = 0; i < x.length; i++) {
            attr[i] = (float) ((x[i] - baseline[i]) * sum[i]);
            total += attr[i];
        }
        double fx = scores[steps];
        double fb = scores[steps + 1];
        return new IntegratedGradients(attr, fx, fb, total - (fx - fb));
    }

    private interface BatchSink {
        void accept(InputGradientFunction.Result result, int offset, int count);
    }

    private void runBatched(FloatTensor like, List<float[]> images, Progress progress, CancellationToken cancel,
                            BatchSink sink) {
        long[] shape = like.shape();
        int per = like.data().length;
        for (int from = 0; from < images.size(); from += batch) {
            if (cancel.isCancelled()) {
                throw new CancellationException("attribution cancelled after " + from + " of " + images.size());
            }
            int count = Math.min(batch, images.size() - from);
            float[] data = new float[count * per];
            for (int b = 0; b < count; b++) {
                System.arraycopy(images.get(from + b), 0, data, b * per, per);
            }
            shape[0] = count;
            sink.accept(function.apply(new FloatTensor(data, shape.clone()), cancel), from, count);
            progress.report(from + count, images.size());
        }
    }

    private static void checkOne(FloatTensor image) {
        if (image.rank() != 4 || image.dim(0) != 1) {
            throw new IllegalArgumentException("attribution takes one (1, C, H, W) image, got " + image);
        }
    }

    private static double range(float[] x) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }
}
