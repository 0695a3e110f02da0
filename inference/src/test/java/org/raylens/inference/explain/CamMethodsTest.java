package org.raylens.inference.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.encoder.TorchEngine;
import org.raylens.inference.family.dinov2.BlockRunner;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.family.dinov2.Dinov2Model;
import org.raylens.inference.family.dinov2.EncoderPredictor;
import org.raylens.inference.family.dinov2.FeedForwardKind;
import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.inference.head.TokenHead;
import org.raylens.inference.testsupport.SyntheticCheckpoints;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CAM methods beyond Grad-CAM against references computed here from scratch, on a synthetic encoder with
 * register tokens and a head that pools the patch tokens: HiResCAM, XGrad-CAM and LayerCAM from the activations and
 * gradients the tail gives; EigenCAM and eigen_smooth as the first principal component found by power iteration;
 * Score-CAM from forwards of inputs masked here; Ablation-CAM from one-by-one ablations through the block runner;
 * aug_smooth as the mean of six maps made here; several classes at once equal to one at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CamMethodsTest {
    private Dinov2Encoder encoder;
    private final float[] probe = new float[2 * 32];

    /** Mean of the patch tokens → linear to 2 outputs. */
    private final TokenHead head = new TokenHead() {
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

    private CamResult run(EncoderSession s, CamWeighting w, MethodParameters p, int output) {
        ExplainContext ctx = ExplainContext.of(Dinov2Model.of(encoder), s);
        ForwardTrace t = ForwardTrace.record(ctx, input(), TraceNeeds.tokens().withCamInput(), Progress.NONE,
                CancellationToken.NONE);
        return new CamPipeline("norm1", w).withParameters(p).run(t, head, List.of(OutputTarget.output(output, null)),
                CancellationToken.NONE).get(0);
    }

    private static void assertCam(double[] raw, float[] cam, String what) {
        double max = 0;
        for (double v : raw) {
            max = Math.max(max, Math.abs(v));
        }
        for (int t = 0; t < raw.length; t++) {
            assertEquals(Math.max(raw[t], 0), cam[t], 1e-5 * max + 1e-7, what + " token " + t);
        }
    }

    @Test
    void hiResXGradAndLayerCamFollowTheirFormulasOnTheTailsActivationsAndGradients() {
        try (EncoderSession s = Dinov2Model.of(encoder).newSession()) {
            CamResult g = run(s, CamWeighting.GRAD_CAM, MethodParameters.NONE, 0);
            int p = g.rows() * g.cols();
            int d = g.channels();
            float[] a = g.activations();
            float[] gr = g.gradients();
            double[] hires = new double[p];
            double[] layer = new double[p];
            double[] xgrad = new double[p];
            double[] w = new double[d];
            for (int c = 0; c < d; c++) {
                double num = 0;
                double den = 0;
                for (int t = 0; t < p; t++) {
                    num += gr[t * d + c] * a[t * d + c];
                    den += a[t * d + c];
                }
                w[c] = num / (den + 1e-7);
            }
            for (int t = 0; t < p; t++) {
                for (int c = 0; c < d; c++) {
                    hires[t] += gr[t * d + c] * a[t * d + c];
                    layer[t] += Math.max(gr[t * d + c], 0) * a[t * d + c];
                    xgrad[t] += w[c] * a[t * d + c];
                }
            }
            CamResult h = run(s, CamWeighting.HIRES_CAM, MethodParameters.NONE, 0);
            assertArrayEquals(a, h.activations(), "the same activations");
            assertCam(hires, h.cam(), "hirescam");
            assertCam(layer, run(s, CamWeighting.LAYER_CAM, MethodParameters.NONE, 0).cam(), "layercam");
            CamResult x = run(s, CamWeighting.XGRAD_CAM, MethodParameters.NONE, 0);
            for (int c = 0; c < d; c++) {
                assertEquals(w[c], x.weights()[c], 1e-6 * Math.abs(w[c]) + 1e-9, "xgradcam weight " + c);
            }
            assertCam(xgrad, x.cam(), "xgradcam");
            boolean anyPositive = false;
            for (float v : h.cam()) {
                anyPositive |= v > 0;
            }
            assertTrue(anyPositive, "a map that is not all zero");
        }
    }

    /** The first principal component's projection of the centred rows of x (P × D), by power iteration. */
    private static double[] powerProjection(double[] x, int p, int d) {
        double[] centred = x.clone();
        for (int c = 0; c < d; c++) {
            double m = 0;
            for (int t = 0; t < p; t++) {
                m += x[t * d + c];
            }
            m /= p;
            for (int t = 0; t < p; t++) {
                centred[t * d + c] -= m;
            }
        }
        double[] v = new double[d];
        java.util.Arrays.fill(v, 1);
        for (int it = 0; it < 2000; it++) {
            double[] xv = new double[p];
            for (int t = 0; t < p; t++) {
                for (int c = 0; c < d; c++) {
                    xv[t] += centred[t * d + c] * v[c];
                }
            }
            double[] next = new double[d];
            for (int t = 0; t < p; t++) {
                for (int c = 0; c < d; c++) {
                    next[c] += centred[t * d + c] * xv[t];
                }
            }
            double n = 0;
            for (double e : next) {
                n += e * e;
            }
            n = Math.sqrt(n);
            for (int c = 0; c < d; c++) {
                v[c] = next[c] / n;
            }
        }
        double[] proj = new double[p];
        for (int t = 0; t < p; t++) {
            for (int c = 0; c < d; c++) {
                proj[t] += centred[t * d + c] * v[c];
            }
        }
        return proj;
    }

    /** cam = ReLU(±projection), the sign that puts the larger magnitude on the positive side. */
    private static void assertProjection(double[] proj, float[] cam, String what) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : proj) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double sign = Math.abs(min) > Math.abs(max) ? -1 : 1;
        double[] signed = new double[proj.length];
        for (int i = 0; i < proj.length; i++) {
            signed[i] = sign * proj[i];
        }
        double scale = Math.max(Math.abs(min), Math.abs(max));
        for (int t = 0; t < proj.length; t++) {
            assertEquals(Math.max(signed[t], 0), cam[t], 1e-4 * scale, what + " token " + t);
        }
    }

    @Test
    void eigenCamIsTheFirstPrincipalComponentOfTheActivations() {
        try (EncoderSession s = Dinov2Model.of(encoder).newSession()) {
            CamResult e = run(s, CamWeighting.EIGEN_CAM, MethodParameters.NONE, 0);
            int p = e.rows() * e.cols();
            double[] a = new double[e.activations().length];
            for (int i = 0; i < a.length; i++) {
                a[i] = e.activations()[i];
            }
            assertProjection(powerProjection(a, p, e.channels()), e.cam(), "eigencam");
            assertArrayEquals(e.cam(), run(s, CamWeighting.EIGEN_CAM, MethodParameters.NONE, 1).cam(),
                    "EigenCAM reads no gradient: every class has the same map");
        }
    }

    @Test
    void eigenSmoothProjectsGradCamsWeightedActivations() {
        try (EncoderSession s = Dinov2Model.of(encoder).newSession()) {
            CamResult g = run(s, CamWeighting.GRAD_CAM, new MethodParameters(Map.of("eigen_smooth", "true")), 1);
            int p = g.rows() * g.cols();
            int d = g.channels();
            double[] terms = new double[p * d];
            for (int c = 0; c < d; c++) {
                double w = 0;
                for (int t = 0; t < p; t++) {
                    w += g.gradients()[t * d + c];
                }
                w /= p;
                for (int t = 0; t < p; t++) {
                    terms[t * d + c] = w * g.activations()[t * d + c];
                }
            }
            assertProjection(powerProjection(terms, p, d), g.cam(), "gradcam eigen_smooth");
        }
    }

    /** The head's two scores on each (1, C, H, W) input, through a plain session forward. */
    private float[] scores(EncoderSession s, FloatTensor x) {
        EncoderOutput o = s.forward(x, ForwardOptions.defaults());
        try (NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
            return head.forward(m.create(o.lastHiddenState().data(), new Shape(o.lastHiddenState().shape())),
                    o.layout()).toFloatArray();
        }
    }

    @Test
    void scoreCamWeightsAreTheSoftmaxOfTheScoresOfChannelMaskedInputs() {
        try (EncoderSession s = Dinov2Model.of(encoder).newSession()) {
            CamResult r = run(s, new ScoreCamWeighting(), new MethodParameters(Map.of("batch", "5")), 1);
            int rows = r.rows();
            int cols = r.cols();
            int d = r.channels();
            FloatTensor x = input().tensor();
            int h = x.dim(2);
            int w = x.dim(3);
            double[] score = new double[d];
            for (int c = 0; c < d; c++) {
                // torch's UpsamplingBilinear2d (align_corners=True), then (m − min) / (max − min + 1e-8)
                double[] m = new double[h * w];
                double lo = Double.MAX_VALUE;
                double hi = -Double.MAX_VALUE;
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        double sy = y * (rows - 1.0) / (h - 1.0);
                        double sx = xx * (cols - 1.0) / (w - 1.0);
                        int y0 = (int) sy;
                        int x0 = (int) sx;
                        int y1 = Math.min(y0 + 1, rows - 1);
                        int x1 = Math.min(x0 + 1, cols - 1);
                        double v = (1 - (sy - y0)) * ((1 - (sx - x0)) * act(r, y0, x0, c) + (sx - x0) * act(r, y0, x1, c))
                                + (sy - y0) * ((1 - (sx - x0)) * act(r, y1, x0, c) + (sx - x0) * act(r, y1, x1, c));
                        m[y * w + xx] = v;
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
                float[] masked = x.data().clone();
                for (int i = 0; i < masked.length; i++) {
                    masked[i] *= (float) ((m[i % (h * w)] - lo) / (hi - lo + 1e-8));
                }
                score[c] = scores(s, new FloatTensor(masked, x.shape()))[1];
            }
            double max = java.util.Arrays.stream(score).max().orElseThrow();
            double sum = 0;
            for (double v : score) {
                sum += Math.exp(v - max);
            }
            double[] raw = new double[rows * cols];
            for (int c = 0; c < d; c++) {
                double wc = Math.exp(score[c] - max) / sum;
                assertEquals(wc, r.weights()[c], 1e-5, "score-cam weight " + c);
                for (int t = 0; t < raw.length; t++) {
                    raw[t] += wc * r.activations()[t * d + c];
                }
            }
            assertCam(raw, r.cam(), "scorecam");
        }
    }

    private static double act(CamResult r, int row, int col, int c) {
        return r.activations()[(row * r.cols() + col) * r.channels() + c];
    }

    @Test
    void ablationCamWeightsAreTheRelativeDropOfOneByOneAblations() {
        try (EncoderSession s = Dinov2Model.of(encoder).newSession();
             EncoderPredictor raw = encoder.newPredictor();
             BlockRunner br = raw.blockRunner(input().tensor(), PositionEmbeddingInterpolation.HF)) {
            NDArray blockIn = br.runBlocks(br.embed(), 0, 1, Progress.NONE, CancellationToken.NONE);
            NDArray n1 = br.norm1(1, blockIn);
            float min = n1.min().getFloat();
            for (String mode : List.of("grad-cam", "zero")) {
                CamResult r = run(s, new AblationCamWeighting(), new MethodParameters(Map.of("ablation", mode,
                        "batch", "7")), 0);
                float value = mode.equals("zero") ? 0f : (float) (min - 1e7);
                double original = head.forward(br.finalNorm(br.blockFromNorm1(1, blockIn, n1)), br.layout())
                        .getFloat(0, 0);
                int d = r.channels();
                double[] rawCam = new double[r.rows() * r.cols()];
                for (int c = 0; c < d; c++) {
                    NDArray ablated = n1.duplicate();
                    ablated.set(new NDIndex(":, :, " + c), value);
                    double s1 = head.forward(br.finalNorm(br.blockFromNorm1(1, blockIn, ablated)), br.layout())
                            .getFloat(0, 0);
                    double w = (original - s1) / original;
                    assertEquals(w, r.weights()[c], 1e-4 * Math.abs(w) + 1e-5, mode + " ablation weight " + c);
                    for (int t = 0; t < rawCam.length; t++) {
                        rawCam[t] += r.weights()[c] * r.activations()[t * d + c];
                    }
                }
                assertCam(rawCam, r.cam(), "ablationcam " + mode);
            }
        }
    }

    @Test
    void severalClassesAtOnceEqualOneAtATime() {
        try (EncoderSession s = Dinov2Model.of(encoder).newSession()) {
            ExplainContext ctx = ExplainContext.of(Dinov2Model.of(encoder), s);
            for (CamWeighting w : List.of(CamWeighting.LAYER_CAM, new ScoreCamWeighting(), new AblationCamWeighting())) {
                CamPipeline pipe = new CamPipeline(ctx, "block-input", w);
                List<PatchMap> both = pipe.explainEach(input(), head, List.of(0, 1), Progress.NONE, CancellationToken.NONE);
                for (int k = 0; k < 2; k++) {
                    assertArrayEquals(pipe.explain(input(), head, k, Progress.NONE, CancellationToken.NONE).values(),
                            both.get(k).values(), 1e-6f, w.name() + " class " + k);
                    assertEquals(w.name(), both.get(k).method());
                }
            }
        }
    }

    @Test
    void augSmoothIsTheMeanOfSixScaledMapsOfFlippedAndScaledInputs() {
        try (EncoderSession s = Dinov2Model.of(encoder).newSession()) {
            ExplainContext ctx = ExplainContext.of(Dinov2Model.of(encoder), s);
            ExplainInput in = input();
            PatchMap smooth = new CamPipeline(ctx, "norm1", CamWeighting.GRAD_CAM)
                    .withParameters(new MethodParameters(Map.of("aug_smooth", "true")))
                    .explain(in, head, 0, Progress.NONE, CancellationToken.NONE);
            int rows = smooth.rows();
            int cols = smooth.cols();
            FloatTensor x = in.tensor();
            int h = x.dim(2);
            int w = x.dim(3);
            double[] mean = new double[rows * cols];
            for (boolean flip : new boolean[]{false, true}) {
                for (float f : new float[]{0.9f, 1f, 1.1f}) {
                    float[] v = new float[x.data().length];
                    for (int i = 0; i < v.length; i++) {
                        int col = i % w;
                        int from = flip ? i - col + (w - 1 - col) : i; // 56 = 4 patches: the whole width is seen
                        v[i] = x.data()[from] * f;
                    }
                    ExplainInput aug = ExplainInput.ofTensor(new FloatTensor(v, x.shape()), 14, "aug");
                    float[] cam = new CamPipeline(ctx, "norm1", CamWeighting.GRAD_CAM).run(aug, head,
                            OutputTarget.output(0, null), Progress.NONE, CancellationToken.NONE).camMinMax();
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            mean[r * cols + c] += cam[r * cols + (flip ? cols - 1 - c : c)] / 6.0;
                        }
                    }
                }
            }
            assertEquals(0, h % 14);
            for (int i = 0; i < mean.length; i++) {
                assertEquals(mean[i], smooth.values()[i], 1e-5, "cell " + i);
            }
            assertTrue(smooth.description().contains("aug_smooth"), smooth.description());
        }
    }

    @Test
    void badParametersAreTypedErrorsThatNameTheParameter() {
        try (EncoderSession s = Dinov2Model.of(encoder).newSession()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(s,
                    CamWeighting.GRAD_CAM, new MethodParameters(Map.of("eigen_smooth", "maybe")), 0));
            assertTrue(e.getMessage().contains("eigen_smooth"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> run(s, new AblationCamWeighting(),
                    new MethodParameters(Map.of("ablation", "half")), 0));
            assertTrue(e.getMessage().contains("ablation"), e.getMessage());
        }
    }
}
