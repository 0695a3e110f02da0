package org.raylens.inference.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.FeaturePooling;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.encoder.TorchEngine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code pooled} adapter input: a linear probe on the encoder's own pooled feature, computed by the encoder's
 * {@link FeaturePooling} inside the head's graph, so scores and gradients both go through it.
 */
class PooledInputTest {
    private static final int D = 4;
    private static final TokenLayout LAYOUT = new TokenLayout(2, 2, 0, 14, D);
    private static final EncoderIdentity ENCODER = new EncoderIdentity("test", D, 14, 0, TestSpecs.SHA);
    /** A pooling unlike CLS: twice the mean of the patch tokens. */
    private static final FeaturePooling TWICE_MEAN = (t, l) -> t.get(":, 1:, :").mean(new int[]{1}).mul(2);

    @TempDir
    Path tmp;

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    @Test
    void logitsAndGradientsGoThroughTheEncodersPooling() {
        int n = LAYOUT.numTokens();
        float[] tokens = random(n * D, 1);
        float[] w = random(2 * D, 2);
        float[] b = {0.5f, -0.25f};
        EncoderOutput out = new EncoderOutput(1, LAYOUT, new FloatTensor(tokens, new long[]{1, n, D}), List.of(),
                Map.of(), new FloatTensor(new float[0], new long[]{0}));
        try (Adapter a = Adapter.linearProbe().setEncoder(ENCODER).setWeights(w, b).optInput(AdapterInput.POOLED)
                .optPooling(TWICE_MEAN).build(); NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
            assertEquals(D, a.spec().featureSize());
            float[] logits = a.logits(out, 0);
            for (int k = 0; k < 2; k++) {
                double z = b[k];
                for (int j = 0; j < D; j++) {
                    double mean = 0;
                    for (int p = 1; p < n; p++) {
                        mean += tokens[p * D + j] / (double) (n - 1);
                    }
                    z += w[k * D + j] * 2 * mean;
                }
                assertEquals(z, logits[k], 1e-5, "logit " + k);
            }
            NDArray t = m.create(tokens, new Shape(1, n, D));
            t.setRequiresGradient(true);
            try (GradientCollector gc = TorchEngine.get().newGradientCollector()) {
                gc.backward(a.head().forward(t, LAYOUT).get(":, 1"));
            }
            float[] g = t.getGradient().toFloatArray();
            for (int j = 0; j < D; j++) {
                assertEquals(0f, g[j], "CLS is not read");
                assertEquals(2 * w[D + j] / (n - 1), g[D + j], 1e-6, "patch 0 channel " + j);
            }
        }
    }

    @Test
    void withClsPoolingItIsTheClsProbe() {
        int n = LAYOUT.numTokens();
        float[] tokens = random(n * D, 3);
        float[] w = random(2 * D, 4);
        float[] b = random(2, 5);
        EncoderOutput out = new EncoderOutput(1, LAYOUT, new FloatTensor(tokens, new long[]{1, n, D}), List.of(),
                Map.of(), new FloatTensor(new float[0], new long[]{0}));
        try (Adapter pooled = Adapter.linearProbe().setEncoder(ENCODER).setWeights(w, b).optInput(AdapterInput.POOLED)
                .optPooling(FeaturePooling.CLS).build();
             Adapter cls = Adapter.linearProbe().setEncoder(ENCODER).setWeights(w, b).build()) {
            assertArrayEquals(cls.logits(out, 0), pooled.logits(out, 0));
        }
    }

    @Test
    void aPooledAdapterNeedsTheEncodersPoolingAndOnlyALinearProbeReadsIt() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> Adapter.linearProbe().setEncoder(ENCODER)
                .setWeights(new float[D], new float[1]).optInput(AdapterInput.POOLED).build());
        AdapterSpec spec = TestSpecs.spec(AdapterType.LINEAR, AdapterInput.POOLED, AdapterTask.MULTILABEL,
                List.of("A", "B"), D);
        Path folder = tmp.resolve("pooled");
        AdapterFolder.write(folder, spec, AdapterTensors.initial(spec, 1));
        assertEquals(spec, AdapterFolder.read(folder).spec(), "round trip of input \"pooled\"");
        AdapterFormatException e = assertThrows(AdapterFormatException.class, () -> Adapter.load(folder, ENCODER));
        assertEquals("input", e.field());
        try (Adapter a = Adapter.load(folder, ENCODER, TWICE_MEAN)) {
            assertEquals(AdapterInput.POOLED, a.spec().input());
        }
        AdapterSpec.InvalidSpec bad = assertThrows(AdapterSpec.InvalidSpec.class, () -> TestSpecs.spec(
                AdapterType.ATTENTION_POOL_MLP, AdapterInput.POOLED, AdapterTask.MULTILABEL, List.of("A"), D));
        assertTrue(bad.getMessage().contains("pooled"), bad.getMessage());
    }
}
