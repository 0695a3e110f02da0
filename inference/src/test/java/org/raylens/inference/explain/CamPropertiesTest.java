package org.raylens.inference.explain;

import org.raylens.core.result.PatchMap;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.inference.family.dinov2.BlockRunner;
import org.raylens.inference.family.dinov2.EncoderPredictor;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.family.dinov2.Dinov2Model;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.head.TokenHead;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.FeedForwardKind;
import org.raylens.inference.testsupport.SyntheticCheckpoints;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Grad-CAM on heads that read patch tokens (gradients checked against finite differences), Grad-CAM++ weights
 * against a hand-worked case, and the pipeline's invariants, on a synthetic encoder with register tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CamPropertiesTest {
    private Dinov2Config config;
    private Dinov2Encoder encoder;
    private final float[] probe = new float[2 * 32];

    /** Mean of the patch tokens (registers and CLS left out) → linear to 2 outputs: a stand-in for a pooling adapter. */
    private final TokenHead meanPatchHead = new TokenHead() {
        @Override
        public NDArray forward(NDArray tokens, TokenLayout layout) {
            NDArray pooled = tokens.get(":, " + layout.firstPatch() + ":, :").mean(new int[]{1});
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
        config = SyntheticCheckpoints.tiny(1, FeedForwardKind.MLP_GELU, true);
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

    @Test
    void norm1GradientsMatchFiniteDifferencesForAPatchReadingHead() {
        ExplainInput in = input();
        try (EncoderSession p = Dinov2Model.of(encoder).newSession()) {
            CamResult cam = new CamPipeline(ExplainContext.of(Dinov2Model.of(encoder), p), "norm1", CamWeighting.GRAD_CAM)
                    .run(in, meanPatchHead, OutputTarget.output(0, null), Progress.NONE, CancellationToken.NONE);
            int d = config.hiddenSize();
            try (EncoderPredictor raw = encoder.newPredictor();
                 BlockRunner r = raw.blockRunner(in.tensor(), PositionEmbeddingInterpolation.HF)) {
                NDArray blockIn = r.runBlocks(r.embed(), 0, 1, Progress.NONE, CancellationToken.NONE);
                NDArray n1 = r.norm1(1, blockIn);
                int first = r.layout().firstPatch();
                for (int[] tc : new int[][]{{0, 0}, {5, 17}, {11, 31}}) {
                    double h = 1e-2;
                    double[] s = new double[2];
                    for (int k = 0; k < 2; k++) {
                        NDArray bumped = n1.duplicate();
                        float old = bumped.getFloat(0, first + tc[0], tc[1]);
                        bumped.set(new ai.djl.ndarray.index.NDIndex(0, first + tc[0], tc[1]), old + (k == 0 ? h : -h));
                        NDArray out = meanPatchHead.forward(r.finalNorm(r.blockFromNorm1(1, blockIn, bumped)), r.layout());
                        s[k] = out.getFloat(0, 0);
                    }
                    double numeric = (s[0] - s[1]) / (2 * h);
                    double analytic = cam.gradients()[tc[0] * d + tc[1]];
                    assertEquals(numeric, analytic, 2e-3 + 2e-2 * Math.abs(numeric), "token " + tc[0] + " channel " + tc[1]);
                }
            }
        }
    }

    @Test
    void aPatchReadingHeadHasGradientAtTheLastBlockOutput() {
        try (EncoderSession p = Dinov2Model.of(encoder).newSession()) {
            CamResult r = new CamPipeline(ExplainContext.of(Dinov2Model.of(encoder), p), "block-output", CamWeighting.GRAD_CAM)
                    .run(input(), meanPatchHead, OutputTarget.output(1, null), Progress.NONE, CancellationToken.NONE);
            double norm = 0;
            for (float g : r.gradients()) {
                norm += g * g;
            }
            assertTrue(norm > 1e-6, "pooling heads see the last block's patch tokens");
            for (float v : r.cam()) {
                assertTrue(v >= 0, "ReLU");
            }
        }
    }

    @Test
    void camIsTheReluOfTheWeightedActivationsForBothMethods() {
        try (EncoderSession p = Dinov2Model.of(encoder).newSession()) {
            for (CamWeighting w : List.of(CamWeighting.GRAD_CAM, CamWeighting.GRAD_CAM_PLUS_PLUS)) {
                CamPipeline pipe = new CamPipeline(ExplainContext.of(Dinov2Model.of(encoder), p), "norm1", w);
                CamResult r = pipe.run(input(), meanPatchHead, OutputTarget.output(0, null), Progress.NONE, CancellationToken.NONE);
                int d = r.channels();
                double[] weights = w.weights(r.activations(), r.gradients(), r.rows() * r.cols(), d);
                for (int t = 0; t < r.cam().length; t++) {
                    double s = 0;
                    for (int c = 0; c < d; c++) {
                        s += weights[c] * r.activations()[t * d + c];
                    }
                    assertEquals(Math.max(s, 0), r.cam()[t], 1e-5);
                }
                PatchMap m = pipe.explain(input(), meanPatchHead, 0, Progress.NONE, CancellationToken.NONE);
                assertArrayEquals(r.cam(), m.values());
                assertEquals(w.name(), m.method());
                assertTrue(m.description().contains("class 0 (a)"), m.description());
            }
        }
    }

    @Test
    void oneMapPerClassFromOneForwardEqualsSeparateRuns() {
        try (EncoderSession p = Dinov2Model.of(encoder).newSession()) {
            CamPipeline pipe = new CamPipeline(ExplainContext.of(Dinov2Model.of(encoder), p), "block-input", CamWeighting.GRAD_CAM);
            List<PatchMap> both = pipe.explainEach(input(), meanPatchHead, List.of(0, 1), Progress.NONE, CancellationToken.NONE);
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(pipe.explain(input(), meanPatchHead, k, Progress.NONE, CancellationToken.NONE).values(),
                        both.get(k).values(), 1e-6f);
            }
            int live = encoder.liveArrayCount();
            pipe.explainEach(input(), meanPatchHead, List.of(0, 1), Progress.NONE, CancellationToken.NONE);
            assertEquals(live, encoder.liveArrayCount(), "every temporary NDArray is freed");
        }
    }

    @Test
    void gradCamPlusPlusWeightsByHand() {
        // P = 2 tokens, D = 1: Σ A = 3; token 0: g = 0.5 → α = 0.25 / (0.5 + 3·0.125 + 1e-6), relu(g)·α;
        // token 1: g = −1 → relu(g) = 0 contributes nothing
        double[] w = CamWeighting.GRAD_CAM_PLUS_PLUS.weights(new float[]{1, 2}, new float[]{0.5f, -1f}, 2, 1);
        assertEquals(0.5 * 0.25 / (0.5 + 0.375 + 1e-6), w[0], 1e-12);
        double[] g = CamWeighting.GRAD_CAM.weights(new float[]{1, 2}, new float[]{0.5f, -1f}, 2, 1);
        assertEquals(-0.25, g[0], 1e-12);
    }
}
