package org.raylens.inference.explain.attribution;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.encoder.TorchEngine;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.ExplainRequest;
import org.raylens.inference.explain.Explainers;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.inference.explain.InputGradientFunction;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.family.dinov2.Dinov2Model;
import org.raylens.inference.family.dinov2.FeedForwardKind;
import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.inference.head.TokenHead;
import org.raylens.inference.testsupport.SyntheticCheckpoints;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DINOv2's input gradients (the whole forward differentiated down to the pixels) against finite differences of the
 * plain fast-path forward, and the three explainers on it: a pixel-grid map, Integrated Gradients' completeness on a
 * non-linear model, Saliency = |gradient| max over channels.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputGradientExplainerTest {
    private Dinov2Encoder encoder;
    private final float[] probe = new float[2 * 32];

    /** Mean of the patch tokens → linear to 2 outputs, plus a CLS term so both token kinds carry gradient. */
    private final TokenHead head = new TokenHead() {
        @Override
        public NDArray forward(NDArray tokens, TokenLayout layout) {
            NDArray pooled = tokens.get(":, " + layout.firstPatch() + ":, :").mean(new int[]{1})
                    .add(tokens.get(":, 0, :"));
            NDArray w = tokens.getManager().create(probe, new Shape(2, 32));
            return pooled.matMul(w.transpose());
        }

        @Override
        public int outputs() {
            return 2;
        }

        @Override
        public List<String> labels() {
            return List.of("a", "b");
        }
    };

    @BeforeAll
    void build() throws IOException {
        Dinov2Config config = SyntheticCheckpoints.tiny(1, FeedForwardKind.MLP_GELU, true);
        encoder = Dinov2Encoder.build(config, ComputeTarget.cpu(), null, new SyntheticWeights(config, 77));
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < probe.length; i++) {
            probe[i] = (float) r.nextGaussian();
        }
    }

    @AfterAll
    void close() {
        encoder.close();
    }

    private static ExplainInput input() {
        SplittableRandom r = new SplittableRandom(2);
        float[] v = new float[3 * 42 * 56];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return ExplainInput.ofTensor(new FloatTensor(v, new long[]{1, 3, 42, 56}), 14, "random");
    }

    private ForwardTrace trace(EncoderSession s) {
        Dinov2Model model = Dinov2Model.of(encoder);
        assertTrue(model.capabilities().inputGradients());
        return ForwardTrace.record(ExplainContext.of(model, s), input(),
                new InputGradientExplainer.Saliency().needs(ExplainRequest.defaults(2)), Progress.NONE,
                CancellationToken.NONE);
    }

    /** The head's output {@code k} for one image through the plain forward (no gradients anywhere). */
    private double plainScore(EncoderSession s, float[] image, int k) {
        EncoderOutput out = s.forward(new FloatTensor(image, new long[]{1, 3, 42, 56}), ForwardOptions.defaults());
        try (NDManager m = TorchEngine.get().newBaseManager()) {
            NDArray t = m.create(out.lastHiddenState().data(), new Shape(out.lastHiddenState().shape()));
            return head.forward(t, out.layout()).getFloat(0, k);
        }
    }

    @Test
    void inputGradientsMatchFiniteDifferencesOfThePlainForward() {
        try (EncoderSession s = Dinov2Model.of(encoder).newSession()) {
            ForwardTrace t = trace(s);
            InputGradientFunction f = InputGradientFunction.of(t.gradientTail().orElseThrow(), head, 1);
            float[] x = t.input().tensor().data();
            // a batch of two: the image and a shifted copy; each gets its own gradient
            float[] two = new float[2 * x.length];
            System.arraycopy(x, 0, two, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                two[x.length + i] = x[i] + 0.3f;
            }
            InputGradientFunction.Result r = f.apply(new FloatTensor(two, new long[]{2, 3, 42, 56}),
                    CancellationToken.NONE);
            assertEquals(plainScore(s, x, 1), r.scores()[0], 1e-4);
            for (int idx : new int[]{0, 3 * 56 + 17, 42 * 56 + 20 * 56 + 33, 2 * 42 * 56 + 41 * 56 + 55}) {
                double h = 1e-2;
                float[] plus = x.clone();
                float[] minus = x.clone();
                plus[idx] += (float) h;
                minus[idx] -= (float) h;
                double numeric = (plainScore(s, plus, 1) - plainScore(s, minus, 1)) / (2 * h);
                assertEquals(numeric, r.gradients()[idx], 2e-3 + 2e-2 * Math.abs(numeric), "pixel " + idx);
            }
            float[] shifted = java.util.Arrays.copyOfRange(two, x.length, two.length);
            assertEquals(plainScore(s, shifted, 1), r.scores()[1], 1e-4);
        }
    }

    @Test
    void integratedGradientsIsCompleteOnTheNonLinearEncoder() {
        try (EncoderSession s = Dinov2Model.of(encoder).newSession()) {
            ForwardTrace t = trace(s);
            GradientAttribution a = new GradientAttribution(
                    InputGradientFunction.of(t.gradientTail().orElseThrow(), head, 0), 8);
            GradientAttribution.IntegratedGradients ig = a.integratedGradients(t.input().tensor(), 0f, 50,
                    IntegrationRule.GAUSS_LEGENDRE, Progress.NONE, CancellationToken.NONE);
            assertTrue(Math.abs(ig.inputScore() - ig.baselineScore()) > 1e-2, "a score that moves along the path");
            assertEquals(0, ig.delta(), 1e-3, "completeness: Σ attributions = f(x) − f(baseline)");
            assertEquals(plainScore(s, t.input().tensor().data(), 0), ig.inputScore(), 1e-4);
        }
    }

    @Test
    void explainersGivePixelMapsFromTheRegistry() {
        Explainers all = Explainers.load();
        ExplainRequest request = new ExplainRequest(1, null, null, null, null, null, head, 1);
        try (EncoderSession s = Dinov2Model.of(encoder).newSession()) {
            ForwardTrace t = trace(s);
            PatchMap sal = all.find("saliency").orElseThrow().explain(t, request).map();
            assertEquals(42, sal.rows());
            assertEquals(56, sal.cols());
            assertEquals(1, sal.geometry().patchSize());
            float[] g = InputGradientFunction.of(t.gradientTail().orElseThrow(), head, 1)
                    .apply(t.input().tensor(), CancellationToken.NONE).gradients();
            int px = 7 * 56 + 9;
            float expected = Math.max(Math.abs(g[px]), Math.max(Math.abs(g[42 * 56 + px]), Math.abs(g[2 * 42 * 56 + px])));
            assertEquals(expected, sal.values()[px], 1e-6f);

            PatchMap ig = new InputGradientExplainer.IntegratedGradients(
                    new AttributionOptions(1, 0, 0, 16, IntegrationRule.GAUSS_LEGENDRE, 0f, 8)).explain(t, request).map();
            assertTrue(ig.description().contains("convergence delta="), ig.description());
            assertTrue(ig.provenance().contains("integrated-gradients of class 1 (b)"), ig.provenance());

            PatchMap sg = new InputGradientExplainer.SmoothGrad(
                    new AttributionOptions(3, 0.1, 4, 1, IntegrationRule.GAUSS_LEGENDRE, 0f, 2)).explain(t, request).map();
            for (float v : sg.values()) {
                assertTrue(v >= 0);
            }
        }
    }
}
