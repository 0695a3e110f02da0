package org.raylens.inference.encoder;

import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.family.dinov2.EncoderPredictor;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.raylens.inference.family.dinov2.SyntheticWeights;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.FeedForwardKind;
import org.raylens.inference.testsupport.ReferenceVit;
import org.raylens.inference.testsupport.SyntheticCheckpoints;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DJL forward against an independent double-precision loop implementation, on configurations the golden files do
 * not cover: register tokens, SwiGLU, no LayerScale, non-native sizes with both interpolations, and batches.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyntheticEncoderTest {
    private Dinov2Config regSwiglu;
    private SyntheticWeights regSwigluWeights;
    private Dinov2Encoder regSwigluEncoder;
    private Dinov2Config plain;
    private SyntheticWeights plainWeights;
    private Dinov2Encoder plainEncoder;

    @BeforeAll
    void build() throws IOException {
        regSwiglu = SyntheticCheckpoints.tiny(3, FeedForwardKind.SWIGLU, false);
        regSwigluWeights = new SyntheticWeights(regSwiglu, 42);
        regSwigluEncoder = Dinov2Encoder.build(regSwiglu, ComputeTarget.cpu(), null, regSwigluWeights);
        plain = SyntheticCheckpoints.tiny(0, FeedForwardKind.MLP_GELU, true);
        plainWeights = new SyntheticWeights(plain, 43);
        plainEncoder = Dinov2Encoder.build(plain, ComputeTarget.cpu(), null, plainWeights);
    }

    @AfterAll
    void close() {
        regSwigluEncoder.close();
        plainEncoder.close();
    }

    private static FloatTensor input(int b, int h, int w, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[b * 3 * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian());
        }
        return new FloatTensor(v, new long[]{b, 3, h, w});
    }

    private static void assertMatchesReference(Dinov2Encoder enc, Dinov2Config c, SyntheticWeights w, int h, int wd,
                                               PositionEmbeddingInterpolation interp) throws IOException {
        FloatTensor x = input(1, h, wd, h * 31L + wd);
        EncoderOutput o;
        try (EncoderPredictor p = enc.newPredictor()) {
            o = p.forward(x, ForwardOptions.defaults().withInterpolation(interp));
        }
        double[][] ref = new ReferenceVit(c, w).forward(x.data(), h, wd, interp);
        int n = o.layout().numTokens();
        assertEquals(ref.length, n);
        double max = 0;
        for (int t = 0; t < n; t++) {
            for (int k = 0; k < c.hiddenSize(); k++) {
                max = Math.max(max, Math.abs(ref[t][k] - o.lastHiddenState().data()[t * c.hiddenSize() + k]));
            }
        }
        assertTrue(max < 5e-5, c.feedForward() + " regs=" + c.numRegisterTokens() + " " + h + "x" + wd + " " + interp
                + ": max|d| = " + max);
    }

    @Test
    void registersAndSwigluMatchTheReference() throws IOException {
        for (PositionEmbeddingInterpolation i : PositionEmbeddingInterpolation.values()) {
            assertMatchesReference(regSwigluEncoder, regSwiglu, regSwigluWeights, 42, 42, i);
            assertMatchesReference(regSwigluEncoder, regSwiglu, regSwigluWeights, 56, 28, i);
        }
    }

    @Test
    void geluMlpWithLayerScaleMatchesTheReference() throws IOException {
        for (PositionEmbeddingInterpolation i : PositionEmbeddingInterpolation.values()) {
            assertMatchesReference(plainEncoder, plain, plainWeights, 70, 56, i);
        }
    }

    @Test
    void aBatchGivesEachImagesOwnResult() {
        FloatTensor batch = input(3, 42, 56, 7);
        int per = 3 * 42 * 56;
        try (EncoderPredictor p = regSwigluEncoder.newPredictor()) {
            EncoderOutput all = p.forward(batch, ForwardOptions.defaults().withAttentions(Set.of(1)));
            assertEquals(3, all.batch());
            for (int b = 0; b < 3; b++) {
                float[] one = Arrays.copyOfRange(batch.data(), b * per, (b + 1) * per);
                EncoderOutput single = p.forward(new FloatTensor(one, new long[]{1, 3, 42, 56}),
                        ForwardOptions.defaults().withAttentions(Set.of(1)));
                float[] a = all.patchTokens(b);
                float[] s = single.patchTokens(0);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(s[i], a[i], 1e-5, "image " + b + " value " + i);
                }
                assertArrayEquals(single.registers(0), all.registers(b), 1e-5f);
            }
        }
    }

    @Test
    void outputLayoutAndAttentionShapes() {
        try (EncoderPredictor p = regSwigluEncoder.newPredictor()) {
            EncoderOutput o = p.forward(input(2, 56, 42, 1), new ForwardOptions(Set.of(0, 1), true,
                    PositionEmbeddingInterpolation.HF));
            TokenLayout l = o.layout();
            assertEquals(new TokenLayout(3, 4, 3, 14, 32), l);
            assertEquals(1 + 3 + 12, l.numTokens());
            assertArrayEquals(new long[]{2, 16, 32}, o.lastHiddenState().shape());
            assertArrayEquals(new long[]{4, 3, 32}, o.patchGrid(1).shape());
            assertEquals(3 * 32, o.registers(0).length);
            assertArrayEquals(new long[]{2, 32}, o.poolerOutput().shape());
            assertEquals(3, o.hiddenStates().size(), "embeddings + one per block");
            FloatTensor att = o.attentions().get(0);
            assertArrayEquals(new long[]{2, 2, 16, 16}, att.shape());
            for (int row = 0; row < 2 * 2 * 16; row++) {
                double sum = 0;
                for (int j = 0; j < 16; j++) {
                    sum += att.data()[row * 16 + j];
                }
                assertEquals(1.0, sum, 1e-5);
            }
            EncoderOutput none = p.forward(input(1, 42, 42, 2), ForwardOptions.defaults());
            assertTrue(none.attentions().isEmpty() && none.hiddenStates().isEmpty(), "nothing kept unless asked");
        }
    }

    @Test
    void invalidInputsAreRejectedWithReasons() {
        try (EncoderPredictor p = plainEncoder.newPredictor()) {
            assertThrows(IllegalArgumentException.class,
                    () -> p.forward(new FloatTensor(new float[42 * 42], new long[]{1, 1, 42, 42}), ForwardOptions.defaults()));
            assertThrows(IllegalArgumentException.class,
                    () -> p.forward(input(1, 10, 42, 0), ForwardOptions.defaults()));
            assertThrows(IllegalArgumentException.class,
                    () -> p.forward(input(1, 42, 42, 0), ForwardOptions.defaults().withAttentions(Set.of(5))));
        }
    }

    @Test
    void positionEmbeddingIsUntouchedOnlyForSquareNativeInputs() {
        float[] pos = new float[(1 + 9) * 2];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = (float) Math.sin(i);
        }
        assertArrayEquals(pos, PositionEmbeddingInterpolation.DINOV2.interpolate(pos, 2, 42, 42, 3, 3));
        assertArrayEquals(pos, PositionEmbeddingInterpolation.HF.interpolate(pos, 2, 42, 42, 3, 3));
        // 42x47 px is still a 3x3 grid: HF resizes 3->3 (identity), DINOv2's (3.1/3) factor resamples anyway
        assertArrayEquals(pos, PositionEmbeddingInterpolation.HF.interpolate(pos, 2, 42, 47, 3, 3));
        float[] d = PositionEmbeddingInterpolation.DINOV2.interpolate(pos, 2, 42, 47, 3, 3);
        assertEquals(pos[0], d[0]);
        assertTrue(!Arrays.equals(pos, d), "DINOv2's scale_factor quirk resamples an unchanged grid");
    }

    @Test
    void progressIsReportedAndCancellationStopsCleanly() {
        int before = plainEncoder.liveArrayCount();
        try (EncoderPredictor p = plainEncoder.newPredictor()) {
            java.util.List<Integer> seen = new java.util.ArrayList<>();
            p.forward(input(1, 42, 42, 3), ForwardOptions.defaults(), (done, total, message) -> {
                seen.add((int) done);
                assertEquals(2, total);
            }, CancellationToken.NONE);
            assertEquals(java.util.List.of(1, 2), seen);
            assertThrows(java.util.concurrent.CancellationException.class, () -> p.forward(input(1, 42, 42, 3),
                    ForwardOptions.defaults(), Progress.NONE, () -> true));
        }
        assertEquals(before, plainEncoder.liveArrayCount(), "a cancelled forward frees its arrays");
    }

    @Test
    void antialiasedVariantIsIdentityOnUnchangedAxesAndPreservesConstants() {
        float[] pos = new float[(1 + 16) * 3];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = (float) Math.cos(i * 0.7);
        }
        PositionEmbeddingInterpolation aa = PositionEmbeddingInterpolation.HF_ANTIALIAS;
        // 4x4 -> 4x3: rows unchanged, so every output column mixes only its own row
        float[] r = aa.interpolate(pos, 3, 56, 42, 4, 3);
        assertEquals(1 + 12, r.length / 3);
        float[] flat = new float[(1 + 16) * 3];
        java.util.Arrays.fill(flat, 0.25f);
        for (int[] g : new int[][]{{6, 5}, {2, 3}, {4, 7}}) {
            float[] f = aa.interpolate(flat, 3, g[0] * 14, g[1] * 14 + 1, g[0], g[1]);
            for (float v : f) {
                assertEquals(0.25f, v, 1e-6f, "normalised weights keep a constant grid constant");
            }
        }
        assertTrue(!Arrays.equals(PositionEmbeddingInterpolation.HF.interpolate(pos, 3, 84, 70, 6, 5),
                aa.interpolate(pos, 3, 84, 70, 6, 5)), "antialias uses a = -0.5, so it differs even when upsampling");
    }

    @Test
    void oneEncoderServesPredictorsOnSeveralThreads() throws Exception {
        FloatTensor x = input(1, 56, 42, 11);
        float[] expected;
        try (EncoderPredictor p = regSwigluEncoder.newPredictor()) {
            expected = p.forward(x, ForwardOptions.defaults()).lastHiddenState().data();
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            java.util.List<java.util.concurrent.Future<float[]>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 3; t++) {
                results.add(pool.submit(() -> {
                    try (EncoderPredictor p = regSwigluEncoder.newPredictor()) {
                        float[] last = null;
                        for (int i = 0; i < 10; i++) {
                            last = p.forward(x, ForwardOptions.defaults()).lastHiddenState().data();
                        }
                        return last;
                    }
                }));
            }
            for (var f : results) {
                assertArrayEquals(expected, f.get(), "same input, same weights, any thread: same numbers");
            }
        } finally {
            pool.shutdown();
        }
    }
}
