package org.raylens.inference.explain.attribution;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.ExplainRequest;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.inference.explain.InputGradientFunction;
import org.raylens.inference.explain.metrics.FaithfulnessMetrics;
import org.raylens.inference.explain.metrics.ImageScorer;
import org.raylens.inference.explain.metrics.NoisyLinearImputer;
import org.raylens.inference.explain.metrics.Road;
import org.raylens.inference.explain.metrics.Substrate;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.family.dinov2.Dinov2Model;
import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.inference.head.TokenHead;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the gradient methods and the faithfulness metrics cost on RAD-DINO's geometry (ViT-B/14 at 518 px, seeded
 * synthetic weights, a 14-class linear head on CLS): printed bench lines, no timed asserts. Runs only with
 * {@code -Draylens.bench=true} (minutes on a laptop). The counts are small so that it finishes on a busy machine;
 * each method's cost at its defaults is the per-pass time times its number of passes, which the lines print.
 */
class AttributionBench {

    @Test
    void radDinoGeometry() throws java.io.IOException {
        assumeTrue(Boolean.getBoolean("raylens.bench"), "bench only with -Draylens.bench=true");
        Dinov2Config c = Dinov2Config.radDino();
        float[] w = new float[14 * c.hiddenSize()];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (r.nextGaussian() * 0.05);
        }
        TokenHead head = new TokenHead() {
            @Override
            public NDArray forward(NDArray tokens, TokenLayout layout) {
                return tokens.get(":, 0, :").matMul(tokens.getManager().create(w, new Shape(14, c.hiddenSize())).transpose());
            }

            @Override
            public int outputs() {
                return 14;
            }

            @Override
            public List<String> labels() {
                return List.of();
            }
        };
        float[] x = new float[3 * 518 * 518];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        ExplainInput in = ExplainInput.ofTensor(new FloatTensor(x, new long[]{1, 3, 518, 518}), 14, "bench");
        try (Dinov2Encoder e = Dinov2Encoder.build(c, ComputeTarget.cpu(), null, new SyntheticWeights(c, 5));
             EncoderSession s = Dinov2Model.of(e).newSession()) {
            ForwardTrace t = ForwardTrace.record(ExplainContext.of(Dinov2Model.of(e), s), in,
                    new InputGradientExplainer.Saliency().needs(ExplainRequest.defaults(12)), Progress.NONE,
                    CancellationToken.NONE);
            s.forward(in.tensor(), ForwardOptions.defaults());
            long t0 = System.nanoTime();
            s.forward(in.tensor(), ForwardOptions.defaults());
            double forward = ms(t0);
            ExplainRequest request = new ExplainRequest(11, null, null, null, null, null, head, 3);
            t0 = System.nanoTime();
            PatchMap sal = new InputGradientExplainer.Saliency().explain(t, request).map();
            double saliency = ms(t0);
            AttributionOptions two = new AttributionOptions(2, 0.15, 0, 2, IntegrationRule.GAUSS_LEGENDRE, 0f, 2);
            t0 = System.nanoTime();
            new InputGradientExplainer.SmoothGrad(two).explain(t, request);
            double smooth2 = ms(t0);
            t0 = System.nanoTime();
            PatchMap ig = new InputGradientExplainer.IntegratedGradients(two).explain(t, request).map();
            double ig2 = ms(t0);
            float[] grid = new float[37 * 37];
            for (int i = 0; i < grid.length; i++) {
                grid[i] = (float) r.nextDouble();
            }
            boolean[] removed = new boolean[518 * 518];
            for (int i = 0; i < removed.length; i++) {
                int row = i / 518 / 14;
                int col = i % 518 / 14;
                removed[i] = row < 37 && col < 37 && grid[row * 37 + col] < 0.9;
            }
            t0 = System.nanoTime();
            new NoisyLinearImputer(0.01).impute(x, 3, 518, 518, removed, new Random(0));
            double impute90 = ms(t0);
            FaithfulnessMetrics small = new FaithfulnessMetrics(ImageScorer.of(s, head, 3),
                    new FaithfulnessMetrics.Options(2, Substrate.blur(5), new double[]{0.5}, 0.01, 0, 2));
            t0 = System.nanoTime();
            small.evaluate(in.tensor(), sal, null, Progress.NONE, CancellationToken.NONE);
            double metricsSmall = ms(t0);
            int defaultsForwards = new FaithfulnessMetrics(ImageScorer.of(s, head, 3),
                    FaithfulnessMetrics.Options.defaults()).forwards();
            System.out.printf(Locale.ROOT, "bench attribution, synthetic RAD-DINO geometry (ViT-B/14, 518 px, batch 1,"
                            + " %d threads):%n forward %.0f ms%n saliency (1 gradient pass) %.0f ms = %.2fx forward%n"
                            + " smoothgrad N=2 %.0f ms (defaults N=25 ≈ %.0f s)%n"
                            + " integrated gradients 2 steps + 2 scores %.0f ms (defaults 50 steps ≈ %.0f s); %s%n"
                            + " ROAD imputation of 90%% of the patches, 3 channels %.0f ms%n"
                            + " metrics with 2 steps and 1 ROAD fraction (%d forwards) %.0f ms; defaults take %d forwards"
                            + " and 18 imputations%n",
                    Runtime.getRuntime().availableProcessors(), forward, saliency, saliency / forward, smooth2,
                    smooth2 / 2 * 25 / 1000, ig2, ig2 / 4 * 52 / 1000, ig.description(), impute90,
                    small.forwards(), metricsSmall, defaultsForwards);
        }
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
