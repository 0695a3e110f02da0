package org.raylens.app.analysis;

import org.junit.jupiter.api.Test;
import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.AdapterInput;
import org.raylens.inference.adapter.AdapterTask;
import org.raylens.inference.adapter.AdapterType;
import org.raylens.inference.adapter.Scores;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.TokenLayout;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's scores are an in-memory linear adapter that gives the numbers the demo always gave: the same seeded
 * weights, labels and threshold, and sigmoid(b + Σ w·cls) on the CLS token, recomputed here in plain Java.
 */
class DemoClassificationTest {

    @Test
    void demoAdapterScoresAreTheDemosSeededLinearMapOnCls() {
        int d = DemoEncoder.HIDDEN_SIZE;
        int k = DemoEncoder.LABELS.size();
        // the demo's weights as it has always drawn them: per label, D weights then the bias
        SplittableRandom r = new SplittableRandom(DemoEncoder.SEED + 1);
        double[][] w = new double[k][d];
        double[] b = new double[k];
        for (int o = 0; o < k; o++) {
            for (int i = 0; i < d; i++) {
                w[o][i] = (float) ((r.nextDouble() * 2 - 1) * 0.15);
            }
            b[o] = (float) ((r.nextDouble() * 2 - 1) * 0.5);
        }
        TokenLayout layout = new TokenLayout(DemoEncoder.REGISTERS, 2, 2, DemoEncoder.PATCH_SIZE, d);
        float[] tokens = new float[layout.numTokens() * d];
        SplittableRandom t = new SplittableRandom(4);
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = (float) (t.nextDouble() * 6 - 3);
        }
        EncoderOutput out = new EncoderOutput(1, layout, new FloatTensor(tokens, new long[]{1, layout.numTokens(), d}),
                List.of(), Map.of(), new FloatTensor(new float[0], new long[]{0}));
        try (Adapter a = DemoEncoder.classificationAdapter()) {
            assertEquals(AdapterType.LINEAR, a.spec().type());
            assertEquals(AdapterInput.CLS, a.spec().input());
            assertEquals(AdapterTask.MULTILABEL, a.spec().task());
            assertEquals("Demo adapter (random linear, 6 labels)", a.spec().name());
            assertEquals(DemoEncoder.LABELS, a.head().labels());
            Scores s = a.score(out, 0);
            int above = 0;
            for (int o = 0; o < k; o++) {
                double z = b[o];
                for (int i = 0; i < d; i++) {
                    z += w[o][i] * tokens[i];
                }
                double p = 1 / (1 + Math.exp(-z));
                Scores.Score got = s.scores().get(o);
                assertEquals(DemoEncoder.LABELS.get(o), got.label());
                assertEquals(p, got.probability(), 1e-6, DemoEncoder.LABELS.get(o));
                assertEquals(0.5, got.threshold());
                above += got.above() ? 1 : 0;
            }
            assertTrue(above > 0 && above < k, "these tokens put some labels on each side of 0.5: " + above);
        }
    }
}
