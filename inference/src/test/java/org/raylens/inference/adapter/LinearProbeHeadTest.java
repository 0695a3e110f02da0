package org.raylens.inference.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.encoder.TorchEngine;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RayLens's one linear head against plain Java arithmetic (double dot products, sigmoid, max-shifted softmax), with
 * the formulas of the three heads it replaced: the explain module's CLS head (logits = cls·Wᵀ + b), the app's demo
 * scores (sigmoid(b + Σ w·cls)) and the adapter's linear probe (CLS ⊕ mean of the patch tokens, registers skipped).
 */
class LinearProbeHeadTest {
    private static final int D = 5;
    private static final int K = 3;
    // 1 CLS + 2 registers + 2×2 patches
    private static final TokenLayout LAYOUT = new TokenLayout(2, 2, 2, 14, D);
    private static final EncoderIdentity ENCODER = new EncoderIdentity("test", D, 14, 2, EncoderIdentity.NOT_COMPUTED);

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 4 - 2);
        }
        return v;
    }

    /** The features the head reads for one image, in double: CLS, or CLS then the mean of the patch tokens. */
    private static double[] features(float[] tokens, int image, AdapterInput input) {
        int n = LAYOUT.numTokens();
        double[] f = new double[input.usesMeanPatch() ? 2 * D : D];
        for (int j = 0; j < D; j++) {
            f[j] = tokens[image * n * D + j];
            if (input.usesMeanPatch()) {
                int patches = LAYOUT.rows() * LAYOUT.cols();
                double sum = 0;
                for (int q = 0; q < patches; q++) {
                    sum += tokens[(image * n + 1 + LAYOUT.registers() + q) * D + j];
                }
                f[D + j] = sum / patches;
            }
        }
        return f;
    }

    private static double[] expectedLogits(float[] w, float[] b, double[] f) {
        double[] z = new double[K];
        for (int k = 0; k < K; k++) {
            z[k] = b[k];
            for (int j = 0; j < f.length; j++) {
                z[k] += (double) w[k * f.length + j] * f[j];
            }
        }
        return z;
    }

    private static double[] expectedProbabilities(double[] z, AdapterTask task) {
        double[] p = new double[z.length];
        if (task == AdapterTask.MULTICLASS) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int k = 0; k < z.length; k++) {
                sum += Math.exp(z[k] - max);
            }
            for (int k = 0; k < z.length; k++) {
                p[k] = Math.exp(z[k] - max) / sum;
            }
        } else {
            for (int k = 0; k < z.length; k++) {
                p[k] = 1 / (1 + Math.exp(-z[k]));
            }
        }
        return p;
    }

    private static Adapter probe(AdapterInput input, AdapterTask task, float[] w, float[] b) {
        return Adapter.linearProbe().setEncoder(ENCODER).setWeights(w, b).optInput(input).optTask(task)
                .optLabels(List.of("a", "b", "c")).optThreshold(0.4).build();
    }

    @Test
    void logitsAndProbabilitiesEqualPlainJavaForEveryInputAndTask() {
        int batch = 2;
        float[] tokens = random(batch * LAYOUT.numTokens() * D, 3);
        EncoderOutput out = new EncoderOutput(batch, LAYOUT, new FloatTensor(tokens,
                new long[]{batch, LAYOUT.numTokens(), D}), List.of(), Map.of(), new FloatTensor(new float[0], new long[]{0}));
        for (AdapterInput input : List.of(AdapterInput.CLS, AdapterInput.CLS_MEAN_PATCH)) {
            for (AdapterTask task : List.of(AdapterTask.MULTILABEL, AdapterTask.MULTICLASS)) {
                int f = input.usesMeanPatch() ? 2 * D : D;
                float[] w = random(K * f, 11);
                float[] b = random(K, 12);
                String what = input.jsonName() + " " + task.jsonName();
                try (Adapter a = probe(input, task, w, b);
                     NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
                    // the head's forward on a batch (what Grad-CAM calls)
                    float[] batchLogits = a.head().forward(m.create(tokens, new Shape(batch, LAYOUT.numTokens(), D)),
                            LAYOUT).toFloatArray();
                    for (int image = 0; image < batch; image++) {
                        double[] z = expectedLogits(w, b, features(tokens, image, input));
                        double[] p = expectedProbabilities(z, task);
                        float[] logits = a.logits(out, image);
                        Scores s = a.score(out, image);
                        for (int k = 0; k < K; k++) {
                            assertEquals(z[k], batchLogits[image * K + k], 1e-5, what + " forward logit " + k);
                            assertEquals(z[k], logits[k], 1e-5, what + " logit " + k);
                            assertEquals(p[k], s.scores().get(k).probability(), 1e-6, what + " probability " + k);
                            assertEquals(p[k] >= 0.4, s.scores().get(k).above(), what + " decision " + k);
                            assertEquals(List.of("a", "b", "c").get(k), s.scores().get(k).label());
                        }
                    }
                }
            }
        }
    }

    @Test
    void followsTheTokensPrecision() {
        // encoders in another precision (bf16/fp16 on a GPU) hand the head tokens of that type; float64 stands in
        // here because every libtorch build runs it on a CPU
        float[] tokens = random(LAYOUT.numTokens() * D, 5);
        float[] w = random(K * D, 6);
        float[] b = random(K, 7);
        try (Adapter a = probe(AdapterInput.CLS, AdapterTask.MULTILABEL, w, b);
             NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
            NDArray t = m.create(tokens, new Shape(1, LAYOUT.numTokens(), D)).toType(DataType.FLOAT64, false);
            NDArray y = a.head().forward(t, LAYOUT);
            assertEquals(DataType.FLOAT64, y.getDataType());
            double[] z = expectedLogits(w, b, features(tokens, 0, AdapterInput.CLS));
            assertArrayEquals(z, y.toDoubleArray(), 1e-9);
            // and the adapter's own parameters were left as they were
            assertEquals(DataType.FLOAT32, a.head().parameters().get(AdapterTensors.LINEAR_WEIGHT).getDataType());
        }
    }

    @Test
    void gradientsReachExactlyTheTokensItReads() {
        // d logit_k / d token: W[k, :D] on CLS, W[k, D:] / patches on each patch token, nothing on the registers
        float[] tokens = random(LAYOUT.numTokens() * D, 8);
        float[] w = random(K * 2 * D, 9);
        int k = 1;
        int patches = LAYOUT.rows() * LAYOUT.cols();
        try (Adapter a = probe(AdapterInput.CLS_MEAN_PATCH, AdapterTask.MULTILABEL, w, new float[K]);
             NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
            NDArray t = m.create(tokens, new Shape(1, LAYOUT.numTokens(), D));
            t.setRequiresGradient(true);
            try (GradientCollector gc = TorchEngine.get().newGradientCollector()) {
                gc.backward(a.head().forward(t, LAYOUT).get(":, " + k));
            }
            float[] g = t.getGradient().toFloatArray();
            for (int j = 0; j < D; j++) {
                assertEquals(w[k * 2 * D + j], g[j], 1e-6, "CLS " + j);
                for (int r = 1; r <= LAYOUT.registers(); r++) {
                    assertEquals(0f, g[r * D + j], "register " + r);
                }
                for (int q = 0; q < patches; q++) {
                    assertEquals(w[k * 2 * D + D + j] / patches, g[(1 + LAYOUT.registers() + q) * D + j], 1e-6,
                            "patch " + q);
                }
            }
        }
    }

    @Test
    void defaultsAreTheOldClsHeadsAndWeightsOrTokensThatDoNotFitAreRefused() {
        try (Adapter a = Adapter.linearProbe().setEncoder(ENCODER).setWeights(random(K * D, 1), new float[K]).build()) {
            assertEquals(List.of("output 0", "output 1", "output 2"), a.head().labels());
            assertEquals(AdapterInput.CLS, a.spec().input());
            assertEquals(AdapterTask.MULTILABEL, a.spec().task());
            assertEquals(List.of(0.5, 0.5, 0.5), a.spec().thresholds());
            assertTrue(a.head() instanceof LinearProbeHead);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Adapter.linearProbe()
                .setEncoder(ENCODER).setWeights(new float[K * D + 1], new float[K]).build());
        assertTrue(e.getMessage().contains("(3, 5)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Adapter.linearProbe().setEncoder(ENCODER)
                .setWeights(new float[2 * K * D], new float[K]).build(), "cls weights are D wide, not 2D");
        assertThrows(IllegalArgumentException.class, () -> Adapter.linearProbe().setEncoder(ENCODER)
                .setWeights(new float[K * D], new float[K]).optLabels(List.of("one")).build());
        assertThrows(IllegalArgumentException.class, () -> Adapter.linearProbe().setWeights(new float[D],
                new float[1]).build(), "no encoder");
        try (Adapter a = probe(AdapterInput.CLS, AdapterTask.MULTILABEL, new float[K * D], new float[K]);
             NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
            NDArray wide = m.zeros(new Shape(1, LAYOUT.numTokens(), D + 1));
            IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                    () -> a.head().forward(wide, LAYOUT));
            assertTrue(wrong.getMessage().contains("D=" + D), wrong.getMessage());
        }
    }
}
