package org.raylens.inference.explain;

import org.raylens.core.result.MapGeometry;

import org.raylens.core.result.PatchMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.family.dinov2.Dinov2Model;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.FeedForwardKind;
import org.raylens.inference.testsupport.SyntheticCheckpoints;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attention maps, click-a-patch and rollout on synthetic encoders (with register tokens) and synthetic matrices. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttentionPropertiesTest {
    private Dinov2Config config;
    private Dinov2Encoder encoder;
    private Dinov2Encoder uniform;

    @BeforeAll
    void build() throws IOException {
        config = SyntheticCheckpoints.tiny(2, FeedForwardKind.MLP_GELU, true);
        SyntheticWeights w = new SyntheticWeights(config, 5);
        encoder = Dinov2Encoder.build(config, ComputeTarget.cpu(), null, w);
        // q = k = 0 for every token: every score is 0, so every attention row is exactly uniform
        uniform = Dinov2Encoder.build(config, ComputeTarget.cpu(), null, name -> {
            var d = w.get(name);
            return name.contains("attn.qkv") ? new Dinov2Encoder.ParamData(new float[d.values().length], d.shape()) : d;
        });
    }

    @AfterAll
    void close() {
        encoder.close();
        uniform.close();
    }

    private static FloatTensor image(int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[3 * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new FloatTensor(v, new long[]{1, 3, h, w});
    }

    @Test
    void clsAndQueryMapsAreRowsOfTheForwardsAttention() {
        FloatTensor x = image(42, 56, 3);
        ExplainInput in = ExplainInput.ofTensor(x, 14, "random");
        try (EncoderSession p = Dinov2Model.of(encoder).newSession()) {
            EncoderOutput o = p.forward(x, ForwardOptions.defaults().withAttentions(Set.of(0, 1)));
            TokenLayout l = o.layout();
            int n = l.numTokens();
            AttentionMaps maps = new AttentionMaps(ExplainContext.of(Dinov2Model.of(encoder), p));
            for (int layer = 0; layer < 2; layer++) {
                float[] probs = o.attentions().get(layer).data();
                for (int h = 0; h < 2; h++) {
                    PatchMap cls = maps.cls(in, layer, HeadChoice.of(h));
                    float[] expected = new float[l.rows() * l.cols()];
                    for (int t = 0; t < expected.length; t++) {
                        expected[t] = probs[(h * n) * n + l.firstPatch() + t];
                    }
                    assertArrayEquals(expected, cls.values(), 1e-6f);
                    assertTrue(cls.description().contains("2 register tokens dropped"), cls.description());
                    // click-a-patch at a patch: exactly that query token's row
                    for (int r = 0; r < l.rows(); r++) {
                        for (int c = 0; c < l.cols(); c++) {
                            int q = l.patchIndex(r, c);
                            PatchMap m = maps.point(in, layer, HeadChoice.of(h), c * 14 + 7, r * 14 + 7);
                            for (int t = 0; t < expected.length; t++) {
                                expected[t] = probs[(h * n + q) * n + l.firstPatch() + t];
                            }
                            assertArrayEquals(expected, m.values(), 1e-6f, "query (" + r + ", " + c + ")");
                        }
                    }
                }
            }
            assertThrows(IllegalArgumentException.class, () -> maps.point(in, 0, HeadChoice.MEAN, 57, 5),
                    "a point outside the seen region is refused");
            // a layer taken once answers every click with the same maps
            AttentionMaps.LayerAttention once = maps.layer(in, 1);
            assertArrayEquals(maps.point(in, 1, HeadChoice.of(0), 20, 30).values(),
                    once.point(HeadChoice.of(0), 20, 30).values());
            assertEquals(maps.cls(in, 1, HeadChoice.MEAN), once.cls(HeadChoice.MEAN));
            assertThrows(IllegalArgumentException.class, () -> once.cls(HeadChoice.of(2)), "head 2 of 2 does not exist");
        }
    }

    @Test
    void pointIsFoundThroughResizeAndCrop() {
        // source 120×80 resized to 84×56 and centre-cropped to 56×56 at x = 14
        MapGeometry g = new MapGeometry(120, 80, 84, 56, 14, 0, 56, 56, 14, 4, 4);
        // source (45, 45): input x = 45·84/120 − 14 = 17.5 (col 1), y = 45·56/80 = 31.5 (row 2)
        assertArrayEquals(new int[]{2, 1}, g.patchAt(45, 45));
        assertEquals(null, g.patchAt(5, 40), "the cropped-away band maps to no patch");
        FloatTensor x = image(56, 56, 9);
        ExplainInput in = new ExplainInput(x, g, "synthetic resize+crop");
        try (EncoderSession p = Dinov2Model.of(encoder).newSession()) {
            AttentionMaps maps = new AttentionMaps(ExplainContext.of(Dinov2Model.of(encoder), p));
            assertArrayEquals(maps.query(in, 1, HeadChoice.MEAN, 2, 1).values(),
                    maps.point(in, 1, HeadChoice.MEAN, 45, 45).values());
        }
    }

    @Test
    void rolloutOfIdentityAttentionIsUniformOverPatches() {
        int n = 7;
        List<float[]> layers = new ArrayList<>();
        for (int l = 0; l < 3; l++) {
            float[] a = new float[n * n];
            for (int i = 0; i < n; i++) {
                a[i * n + i] = 1;
            }
            layers.add(AttentionRollout.prepare(a, n, 0));
        }
        double[] row = AttentionRollout.rolloutRow(layers, n, 0);
        assertEquals(1.0, row[0], 1e-12);
        for (int t = 1; t < n; t++) {
            assertEquals(0.0, row[t], 0.0, "identity attention moves nothing: the patch part is uniform (zero)");
        }
    }

    @Test
    void rolloutOfAModelWithUniformAttentionIsUniform() {
        // every layer's A is 11ᵀ/N; (0.5·U + 0.5·I)^L = 2^−L·I + (1 − 2^−L)·U, so each patch gets (1 − 2^−L)/N
        FloatTensor x = image(42, 42, 4);
        try (EncoderSession p = Dinov2Model.of(uniform).newSession()) {
            for (HeadFusion f : HeadFusion.values()) {
                PatchMap m = new AttentionRollout(ExplainContext.of(Dinov2Model.of(uniform), p)).compute(ExplainInput.ofTensor(x, 14, "r"),
                        new RolloutOptions(f, 0), Progress.NONE, CancellationToken.NONE);
                int n = 1 + 2 + 9;
                for (float v : m.values()) {
                    assertEquals((1 - 0.25) / n, v, 1e-6, f.name());
                }
            }
        }
    }

    @Test
    void rolloutMatchesTheDenseProductOnARealModel() {
        FloatTensor x = image(42, 56, 11);
        try (EncoderSession p = Dinov2Model.of(encoder).newSession()) {
            EncoderOutput o = p.forward(x, ForwardOptions.defaults().withAttentions(Set.of(0, 1)));
            int n = o.layout().numTokens();
            RolloutOptions opts = new RolloutOptions(HeadFusion.MAX, 0.3);
            // dense reference: R = A_2 · A_1 with each A prepared the documented way
            double[][] r = null;
            for (int layer = 0; layer < 2; layer++) {
                float[] a = AttentionRollout.prepare(HeadFusion.MAX.fuse(o.attentions().get(layer).data(), 2, n), n, 0.3);
                double[][] m = new double[n][n];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        m[i][j] = a[i * n + j];
                    }
                }
                r = r == null ? m : multiply(m, r);
            }
            PatchMap map = new AttentionRollout(ExplainContext.of(Dinov2Model.of(encoder), p)).compute(ExplainInput.ofTensor(x, 14, "r"), opts,
                    Progress.NONE, CancellationToken.NONE);
            double[] fromKept = AttentionRollout.clsRow(List.of(o.attentions().get(0).data(), o.attentions().get(1).data()),
                    2, n, opts);
            for (int t = 0; t < map.values().length; t++) {
                assertEquals(r[0][o.layout().firstPatch() + t], map.values()[t], 1e-6);
                assertEquals(r[0][o.layout().firstPatch() + t], fromKept[o.layout().firstPatch() + t], 1e-6);
            }
        }
    }

    @Test
    void cancellingBetweenBlocksStopsAndFreesEverything() {
        FloatTensor x = image(42, 42, 12);
        long[] blocksDone = {0};
        Progress countBlocks = (done, total, message) -> blocksDone[0] = done;
        CancellationToken cancelAfterFirst = () -> blocksDone[0] >= 1;
        try (EncoderSession p = Dinov2Model.of(encoder).newSession()) {
            int live = encoder.liveArrayCount();
            ExplainInput in = ExplainInput.ofTensor(x, 14, "r");
            assertThrows(java.util.concurrent.CancellationException.class, () -> new AttentionRollout(ExplainContext.of(Dinov2Model.of(encoder), p))
                    .compute(in, RolloutOptions.defaults(), countBlocks, cancelAfterFirst));
            assertEquals(live, encoder.liveArrayCount());
        }
    }

    @Test
    void discardDropsTheSmallestButNeverClsToCls() {
        float[] a = {0.1f, 0.5f, 0.2f, 0.05f, 0.9f, 0.3f, 0.01f, 0.4f, 0.7f};
        AttentionRollout.discardLowest(a, 0.45); // floor(9·0.45) = 4 lowest: 0.01, 0.05, 0.1 (CLS→CLS kept), 0.2
        assertArrayEquals(new float[]{0.1f, 0.5f, 0f, 0f, 0.9f, 0.3f, 0f, 0.4f, 0.7f}, a);
    }

    @Test
    void headFusion() {
        float[] p = {0.2f, 0.8f, 0.6f, 0.4f, 0.4f, 0.6f, 0.1f, 0.9f};
        assertArrayEquals(new float[]{0.3f, 0.7f, 0.35f, 0.65f}, HeadFusion.MEAN.fuse(p, 2, 2), 1e-7f);
        assertArrayEquals(new float[]{0.4f, 0.8f, 0.6f, 0.9f}, HeadFusion.MAX.fuse(p, 2, 2), 1e-7f);
        assertArrayEquals(new float[]{0.2f, 0.6f, 0.1f, 0.4f}, HeadFusion.MIN.fuse(p, 2, 2), 1e-7f);
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                for (int j = 0; j < n; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }
}
