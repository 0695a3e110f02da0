package org.raylens.inference.adapter;

import org.raylens.inference.encoder.TorchEngine;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.core.result.MapGeometry;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forward shapes of every head, a hand-computed linear probe, scores, and a mask placed on the source. */
class AdapterHeadsTest {
    private static final int D = 4;
    // 1 CLS + 1 register + 2×3 patches
    private static final TokenLayout LAYOUT = new TokenLayout(1, 2, 3, 14, D);

    private static float[] tokens(int batch, long seed) {
        float[] t = new float[batch * LAYOUT.numTokens() * D];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return t;
    }

    private static EncoderOutput output(float[] tokens, int batch) {
        return new EncoderOutput(batch, LAYOUT, new FloatTensor(tokens, new long[]{batch, LAYOUT.numTokens(), D}),
                List.of(), Map.of(), new FloatTensor(new float[0], new long[]{0}));
    }

    @Test
    void forwardShapesOfEveryHead() {
        int batch = 3;
        Object[][] cases = {
            {AdapterType.LINEAR, AdapterInput.CLS, AdapterTask.MULTILABEL, new long[]{batch, 2}},
            {AdapterType.LINEAR, AdapterInput.CLS_MEAN_PATCH, AdapterTask.MULTICLASS, new long[]{batch, 2}},
            {AdapterType.ATTENTION_POOL_MLP, AdapterInput.PATCH_TOKENS, AdapterTask.MULTILABEL, new long[]{batch, 2}},
            {AdapterType.ATTENTION_POOL_MLP, AdapterInput.CLS_MEAN_PATCH, AdapterTask.MULTICLASS, new long[]{batch, 2}},
            {AdapterType.SEGMENTATION_LINEAR, AdapterInput.PATCH_TOKENS, AdapterTask.SEGMENTATION, new long[]{batch, 2, 2, 3}},
            {AdapterType.SEGMENTATION_CONV, AdapterInput.PATCH_TOKENS, AdapterTask.SEGMENTATION, new long[]{batch, 2, 2, 3}},
        };
        for (Object[] c : cases) {
            AdapterSpec spec = TestSpecs.spec((AdapterType) c[0], (AdapterInput) c[1], (AdapterTask) c[2],
                    List.of("a", "b"), D);
            try (Adapter a = Adapter.fromTensors(Path.of("mem"), spec, AdapterTensors.initial(spec, 5));
                 NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
                NDArray t = m.create(tokens(batch, 1), new Shape(batch, LAYOUT.numTokens(), D));
                NDArray y = a.head().forward(t, LAYOUT);
                assertArrayEquals((long[]) c[3], y.getShape().getShape(), spec.type() + " " + spec.input());
            }
        }
    }

    @Test
    void linearProbeMatchesHandComputation() {
        AdapterSpec spec = TestSpecs.spec(AdapterType.LINEAR, AdapterInput.CLS_MEAN_PATCH, AdapterTask.MULTILABEL,
                List.of("a", "b"), D).withThresholds(List.of(0.5, 0.9));
        float[] w = new float[2 * 2 * D];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 5 - 2) * 0.25f;
        }
        float[] b = {0.1f, -0.3f};
        float[] t = tokens(1, 9);
        Map<String, float[]> p = new HashMap<>();
        p.put(AdapterTensors.LINEAR_WEIGHT, w);
        p.put(AdapterTensors.LINEAR_BIAS, b);
        try (Adapter a = Adapter.fromTensors(Path.of("mem"), spec, p)) {
            Scores s = a.score(output(t, 1), 0);
            for (int o = 0; o < 2; o++) {
                double z = b[o];
                for (int j = 0; j < D; j++) {
                    z += w[o * 2 * D + j] * t[j]; // CLS
                    double mean = 0;
                    for (int q = 0; q < 6; q++) {
                        mean += t[(LAYOUT.firstPatch() + q) * D + j];
                    }
                    z += w[o * 2 * D + D + j] * mean / 6; // mean patch (register skipped)
                }
                double prob = 1 / (1 + Math.exp(-z));
                assertEquals(prob, s.scores().get(o).probability(), 1e-6);
                assertEquals(prob >= spec.thresholds().get(o), s.scores().get(o).above());
            }
            assertTrue(s.provenance().contains(TestSpecs.SHA));
        }
    }

    @Test
    void softmaxScoresSumToOne() {
        AdapterSpec spec = TestSpecs.spec(AdapterType.ATTENTION_POOL_MLP, AdapterInput.CLS, AdapterTask.MULTICLASS,
                List.of("a", "b", "c"), D);
        try (Adapter a = Adapter.fromTensors(Path.of("mem"), spec, AdapterTensors.initial(spec, 2))) {
            Scores s = a.score(output(tokens(2, 4), 2), 1);
            assertEquals(1.0, s.scores().stream().mapToDouble(Scores.Score::probability).sum(), 1e-9);
        }
    }

    @Test
    void attentionPoolGradientsReachPatchTokens() {
        AdapterSpec spec = TestSpecs.spec(AdapterType.ATTENTION_POOL_MLP, AdapterInput.PATCH_TOKENS,
                AdapterTask.MULTILABEL, List.of("a"), D);
        try (Adapter a = Adapter.fromTensors(Path.of("mem"), spec, AdapterTensors.initial(spec, 2));
             NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
            NDArray t = m.create(tokens(1, 3), new Shape(1, LAYOUT.numTokens(), D));
            t.setRequiresGradient(true);
            try (GradientCollector gc = TorchEngine.get().newGradientCollector()) {
                gc.backward(a.head().forward(t, LAYOUT).sum());
            }
            float[] g = t.getGradient().toFloatArray();
            float[] w = ((AttentionPoolHead) a.head()).poolingWeights(t, LAYOUT).toFloatArray();
            assertEquals(2 * 6, w.length, "2 heads × 6 patches");
            for (int h = 0; h < 2; h++) {
                double sum = 0;
                for (int q = 0; q < 6; q++) {
                    sum += w[h * 6 + q];
                }
                assertEquals(1.0, sum, 1e-6, "pooling weights of head " + h + " sum to 1");
            }
            double patchNorm = 0;
            for (int i = LAYOUT.firstPatch() * D; i < g.length; i++) {
                patchNorm += Math.abs(g[i]);
            }
            assertTrue(patchNorm > 0, "patch tokens get gradient");
            for (int i = 0; i < LAYOUT.firstPatch() * D; i++) {
                assertEquals(0f, g[i], "CLS and registers are unused with input patch-tokens");
            }
        }
    }

    @Test
    void maskLandsWhereTheGeometrySaysAndBorderIsNotSeen() {
        // segmentation-linear with weight picking channel 0: logit = 8·x0 − 4; patch (1, 2) bright
        AdapterSpec spec = TestSpecs.spec(AdapterType.SEGMENTATION_LINEAR, AdapterInput.PATCH_TOKENS,
                AdapterTask.SEGMENTATION, List.of("region"), D);
        float[] w = {8, 0, 0, 0};
        Map<String, float[]> p = Map.of(AdapterTensors.SEG_WEIGHT, w, AdapterTensors.SEG_BIAS, new float[]{-4});
        float[] t = new float[LAYOUT.numTokens() * D];
        t[LAYOUT.patchIndex(1, 2) * D] = 1;
        // source 100×60 resized to 50×30, crop 42×28 at (4, 1): grid 2×3 of 14 px
        MapGeometry g = new MapGeometry(100, 60, 50, 30, 4, 1, 42, 28, 14, 2, 3);
        try (Adapter a = Adapter.fromTensors(Path.of("mem"), spec, p)) {
            MaskMap mask = a.segment(output(t, 1), 0, g).get(0);
            assertEquals(100, mask.width());
            assertEquals(60, mask.height());
            // centre of patch (1, 2) in input = (35, 21) → source ((35+4)·2, (21+1)·2) = (78, 44)
            assertTrue(mask.at(78, 44) > 0.9, "bright patch centre: " + mask.at(78, 44));
            assertTrue(mask.at(22, 16) < 0.1, "dark patch centre: " + mask.at(22, 16));
            assertTrue(Float.isNaN(mask.at(2, 30)), "left border was cropped away");
            assertTrue(Float.isNaN(mask.at(50, 59)), "bottom border not seen");
            assertFalse(Float.isNaN(mask.at(10, 10)));
        }
    }
}
