package org.raylens.inference.family.evax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.raylens.inference.encoder.FeedForward;
import org.raylens.inference.encoder.LayerNorm;
import org.raylens.inference.encoder.Linear;
import org.raylens.inference.encoder.TorchEngine;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EVA-X-B's block form has no golden here (only Ti is shipped), so its two differences from Ti are pinned against
 * what they must equal: separate q/k/v projections with q/v biases give the fused qkv attention of the same weights,
 * and the sub-LN SwiGLU is w3(LN(silu(w1·x + b1) ⊙ (w2·x + b2))) computed by hand in double.
 */
class EvaxBlockFormsTest {
    private static final int D = 64;

    private static float[] random(SplittableRandom r, int n, double scale) {
        float[] v = new float[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (scale * (r.nextDouble() * 2 - 1));
        }
        return v;
    }

    private static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void separateProjectionsEqualTheFusedQkvOfTheSameWeights() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 5; // CLS + a 2×2 grid
        float[] wq = random(r, D * D, 0.2);
        float[] wk = random(r, D * D, 0.2);
        float[] wv = random(r, D * D, 0.2);
        float[] bq = random(r, D, 0.5);
        float[] bv = random(r, D, 0.5);
        float[] fusedW = new float[3 * D * D];
        System.arraycopy(wq, 0, fusedW, 0, D * D);
        System.arraycopy(wk, 0, fusedW, D * D, D * D);
        System.arraycopy(wv, 0, fusedW, 2 * D * D, D * D);
        float[] fusedB = new float[3 * D];
        System.arraycopy(bq, 0, fusedB, 0, D);
        System.arraycopy(bv, 0, fusedB, 2 * D, D);
        RotaryTables rope = RotaryTables.of(2, 2, D, 16);
        try (NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
            Linear proj = new Linear(m.create(random(r, D * D, 0.2), new Shape(D, D)), m.create(random(r, D, 0.1), new Shape(D)));
            EvaxAttention fused = EvaxAttention.fused(new Linear(m.create(fusedW, new Shape(3 * D, D)),
                    m.create(fusedB, new Shape(3 * D))), proj, 1, D);
            EvaxAttention separate = EvaxAttention.separate(
                    new Linear(m.create(wq, new Shape(D, D)), m.create(bq, new Shape(D))),
                    new Linear(m.create(wk, new Shape(D, D)), null),
                    new Linear(m.create(wv, new Shape(D, D)), m.create(bv, new Shape(D))), proj, 1, D);
            NDArray x = m.create(random(r, n * D, 1), new Shape(1, n, D));
            NDArray cos = m.create(rope.cosWithCls(), new Shape(n, D));
            NDArray sin = m.create(rope.signedSinWithCls(), new Shape(n, D));
            float[] pf = new float[n * n];
            float[] ps = new float[n * n];
            float[] a = fused.apply(x, cos, sin, pf).toFloatArray();
            float[] b = separate.apply(x, cos, sin, ps).toFloatArray();
            assertTrue(maxDiff(a, b) < 1e-5, "outputs differ by " + maxDiff(a, b));
            assertTrue(maxDiff(pf, ps) < 1e-6, "probabilities differ by " + maxDiff(pf, ps));
        }
    }

    @Test
    void subLnSwiGluNormalisesTheGatedHiddenLayerBeforeW3() {
        SplittableRandom r = new SplittableRandom(12);
        int d = 4;
        int h = 3;
        float[] w1 = random(r, h * d, 1);
        float[] b1 = random(r, h, 1);
        float[] w2 = random(r, h * d, 1);
        float[] b2 = random(r, h, 1);
        float[] g = random(r, h, 1);
        float[] beta = random(r, h, 1);
        float[] w3 = random(r, d * h, 1);
        float[] b3 = random(r, d, 1);
        float[] x = random(r, d, 2);
        double[] hidden = new double[h];
        for (int i = 0; i < h; i++) {
            double x1 = b1[i];
            double x2 = b2[i];
            for (int j = 0; j < d; j++) {
                x1 += (double) w1[i * d + j] * x[j];
                x2 += (double) w2[i * d + j] * x[j];
            }
            hidden[i] = x1 / (1 + Math.exp(-x1)) * x2;
        }
        double mean = 0;
        for (double v : hidden) {
            mean += v / h;
        }
        double var = 0;
        for (double v : hidden) {
            var += (v - mean) * (v - mean) / h;
        }
        double[] normed = new double[h];
        for (int i = 0; i < h; i++) {
            normed[i] = (hidden[i] - mean) / Math.sqrt(var + 1e-6) * g[i] + beta[i];
        }
        try (NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
            FeedForward ff = new FeedForward.SplitSwiGlu(
                    new Linear(m.create(w1, new Shape(h, d)), m.create(b1, new Shape(h))),
                    new Linear(m.create(w2, new Shape(h, d)), m.create(b2, new Shape(h))),
                    new LayerNorm(m.create(g, new Shape(h)), m.create(beta, new Shape(h)), 1e-6),
                    new Linear(m.create(w3, new Shape(d, h)), m.create(b3, new Shape(d))));
            float[] y = ff.apply(m.create(x, new Shape(1, 1, d))).toFloatArray();
            for (int k = 0; k < d; k++) {
                double want = b3[k];
                for (int i = 0; i < h; i++) {
                    want += (double) w3[k * h + i] * normed[i];
                }
                assertEquals(want, y[k], 1e-4 * Math.max(1, Math.abs(want)), "output " + k);
            }
        }
    }
}
