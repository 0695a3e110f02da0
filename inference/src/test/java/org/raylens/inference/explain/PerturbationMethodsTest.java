package org.raylens.inference.explain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.head.TokenHead;
import org.raylens.inference.toy.ToyEncoderFamily;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Occlusion and RISE on the toy family (pure Java, no attentions, no gradients: what every family can give) with a
 * head whose output 0 reads only patch (1, 2) and output 1 only patch (0, 0): occlusion lights exactly the patch the
 * head reads; occlusion with overlapping windows and RISE equal references computed here from plain forwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerturbationMethodsTest {
    private static final float[] W = {0.5f, -1f, 2f, 0.25f, 1f, -0.5f, 0.75f, 1.5f};
    private Encoder encoder;
    private EncoderSession session;
    private ExplainContext context;

    /** Output 0: W · token of patch (1, 2); output 1: W · token of patch (0, 0). */
    private final TokenHead onePatch = new TokenHead() {
        @Override
        public NDArray forward(NDArray tokens, TokenLayout layout) {
            NDArray w = tokens.getManager().create(W, new Shape(8, 1));
            NDArray a = tokens.get(":, " + layout.patchIndex(1, 2) + ", :").matMul(w);
            NDArray b = tokens.get(":, " + layout.patchIndex(0, 0) + ", :").matMul(w);
            return NDArrays.concat(new NDList(a, b), 1);
        }

        @Override
        public int outputs() {
            return 2;
        }

        @Override
        public List<String> labels() {
            return List.of("reads (1,2)", "reads (0,0)");
        }
    };

    @BeforeAll
    void open() throws Exception {
        encoder = new ToyEncoderFamily().randomWeights("toy", 0, ComputeTarget.cpu());
        session = encoder.newSession();
        context = ExplainContext.of(encoder, session);
    }

    @AfterAll
    void close() {
        session.close();
        encoder.close();
    }

    private static ExplainInput input() {
        SplittableRandom r = new SplittableRandom(3);
        float[] v = new float[3 * 56 * 56];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 0.5);
        }
        return ExplainInput.ofTensor(new FloatTensor(v, new long[]{1, 3, 56, 56}), 14, "random");
    }

    private ForwardTrace trace() {
        return ForwardTrace.record(context, input(), TraceNeeds.tokens(), Progress.NONE, CancellationToken.NONE);
    }

    /** The head's outputs by hand (plain Java) on one image's tokens from a plain forward. */
    private double[] score(float[] chw) {
        EncoderOutput o = session.forward(new FloatTensor(chw, new long[]{1, 3, 56, 56}), ForwardOptions.defaults());
        TokenLayout l = o.layout();
        float[] t = o.lastHiddenState().data();
        double a = 0;
        double b = 0;
        for (int d = 0; d < 8; d++) {
            a += W[d] * t[l.patchIndex(1, 2) * 8 + d];
            b += W[d] * t[l.patchIndex(0, 0) * 8 + d];
        }
        return new double[]{a, b};
    }

    private static MethodParameters params(String... kv) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new MethodParameters(m);
    }

    @Test
    void occlusionOfAHeadThatReadsOnePatchLightsExactlyThatPatch() {
        List<PatchMap> maps = new Occlusion().explainEach(trace(), onePatch, List.of(0, 1), params("baseline", "-1"),
                Progress.NONE, CancellationToken.NONE);
        float[] x = input().tensor().data();
        int[][] read = {{1, 2}, {0, 0}};
        for (int k = 0; k < 2; k++) {
            PatchMap m = maps.get(k);
            assertEquals(4, m.rows());
            assertEquals(4, m.cols());
            float[] occluded = x.clone();
            for (int c = 0; c < 3; c++) {
                for (int y = read[k][0] * 14; y < read[k][0] * 14 + 14; y++) {
                    for (int xx = read[k][1] * 14; xx < read[k][1] * 14 + 14; xx++) {
                        occluded[(c * 56 + y) * 56 + xx] = -1;
                    }
                }
            }
            double expected = score(x)[k] - score(occluded)[k];
            assertTrue(Math.abs(expected) > 1e-3, "the patch matters to the head");
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    boolean lit = r == read[k][0] && c == read[k][1];
                    assertEquals(lit ? expected : 0, m.value(r, c), 1e-5, "class " + k + " patch " + r + "," + c);
                }
            }
        }
    }

    @Test
    void overlappingWindowsAverageCaptumsDifferencesPerPixel() {
        int window = 21;
        int stride = 7;
        PatchMap m = new Occlusion().explainEach(trace(), onePatch, List.of(0), params("window", "21", "stride", "7",
                "batch", "4"), Progress.NONE, CancellationToken.NONE).get(0);
        assertEquals(7, m.geometry().patchSize(), "gcd(21, 7, 14) pixel cells");
        assertEquals(8, m.rows());
        // Captum's Occlusion, pixel by pixel: windows at 0, 7, ..., ceil((56 − 21) / 7) · 7, cut at the edge
        float[] x = input().tensor().data();
        double s0 = score(x)[0];
        double[] sum = new double[56 * 56];
        int[] count = new int[56 * 56];
        int n = (int) Math.ceil((56 - window) / 7.0) + 1;
        for (int wy = 0; wy < n; wy++) {
            for (int wx = 0; wx < n; wx++) {
                float[] o = x.clone();
                List<Integer> pixels = new ArrayList<>();
                for (int y = wy * stride; y < Math.min(wy * stride + window, 56); y++) {
                    for (int xx = wx * stride; xx < Math.min(wx * stride + window, 56); xx++) {
                        pixels.add(y * 56 + xx);
                        for (int c = 0; c < 3; c++) {
                            o[c * 56 * 56 + y * 56 + xx] = 0;
                        }
                    }
                }
                double drop = s0 - score(o)[0];
                for (int p : pixels) {
                    sum[p] += drop;
                    count[p]++;
                }
            }
        }
        for (int y = 0; y < 56; y++) {
            for (int xx = 0; xx < 56; xx++) {
                assertEquals(sum[y * 56 + xx] / count[y * 56 + xx], m.value(y / 7, xx / 7), 1e-5, "pixel " + y + "," + xx);
            }
        }
    }

    @Test
    void riseWithAFixedSeedIsTheScoreWeightedMeanOfItsMasks() {
        int n = 24;
        double p = 0.4;
        PatchMap m = new Rise().explainEach(trace(), onePatch, List.of(1), params("masks", "24", "cells", "3", "p",
                "0.4", "seed", "11", "batch", "5"), Progress.NONE, CancellationToken.NONE).get(0);
        assertEquals(56, m.rows());
        assertEquals(1, m.geometry().patchSize());
        Rise.Masks masks = new Rise.Masks(n, 3, p, 11, 56, 56);
        float[] x = input().tensor().data();
        double[] expected = new double[56 * 56];
        for (int i = 0; i < n; i++) {
            float[] mask = masks.mask(i);
            float[] masked = x.clone();
            for (int j = 0; j < masked.length; j++) {
                masked[j] *= mask[j % (56 * 56)];
            }
            double s = score(masked)[1];
            for (int j = 0; j < expected.length; j++) {
                expected[j] += s * mask[j] / n / p;
            }
        }
        float[] got = m.values();
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], got[j], 1e-4 * (1 + Math.abs(expected[j])), "pixel " + j);
        }
        PatchMap again = new Rise().explainEach(trace(), onePatch, List.of(1), params("masks", "24", "cells", "3",
                "p", "0.4", "seed", "11", "batch", "24"), Progress.NONE, CancellationToken.NONE).get(0);
        assertArrayEquals(got, again.values(), 1e-6f, "the same seed gives the same map, whatever the batch");
        PatchMap other = new Rise().explainEach(trace(), onePatch, List.of(1), params("masks", "24", "cells", "3",
                "p", "0.4", "seed", "12"), Progress.NONE, CancellationToken.NONE).get(0);
        assertFalse(java.util.Arrays.equals(got, other.values()), "another seed, other masks");
    }

    @Test
    void riseMasksAreBilinearUpsampledGridsCutAtTheirShift() {
        Rise.Masks on = new Rise.Masks(3, 4, 1.0, 5, 20, 30);
        for (float v : on.mask(2)) {
            assertEquals(1f, v, 1e-6f, "p = 1: every cell on, the mask is all ones");
        }
        // one mask of a 2 × 2 grid on a 4 × 4 input: cells of 2 px, upsampled to 6 × 6, cut at the shift
        Rise.Masks m = new Rise.Masks(1, 2, 0.5, 7, 4, 4);
        boolean[] g = m.grid(0);
        int[] shift = m.shift(0);
        float[] mask = m.mask(0);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                // skimage's order-1 resize: source = (out + 0.5) · 2 / 6 − 0.5, numpy "reflect" beyond the edges
                double sy = (y + shift[0] + 0.5) / 3 - 0.5;
                double sx = (x + shift[1] + 0.5) / 3 - 0.5;
                double v = 0;
                for (int gy = 0; gy < 2; gy++) {
                    for (int gx = 0; gx < 2; gx++) {
                        // with two cells, reflect(−1) = 1 and reflect(2) = 0: bilinear weights over the 2 × 2 grid
                        double wy = weight(sy, gy);
                        double wx = weight(sx, gx);
                        v += (g[gy * 2 + gx] ? 1 : 0) * wy * wx;
                    }
                }
                assertEquals(v, mask[y * 4 + x], 1e-6, "pixel " + y + "," + x);
            }
        }
        assertEquals(1, Rise.Masks.reflect(-1, 3));
        assertEquals(1, Rise.Masks.reflect(3, 3));
        assertEquals(0, Rise.Masks.reflect(4, 3));
    }

    /** Bilinear weight of grid index g (0 or 1) at source coordinate s in a 2-cell axis with reflect padding. */
    private static double weight(double s, int g) {
        int f = (int) Math.floor(s);
        double frac = s - f;
        double w = 0;
        if (Rise.Masks.reflect(f, 2) == g) {
            w += 1 - frac;
        }
        if (Rise.Masks.reflect(f + 1, 2) == g) {
            w += frac;
        }
        return w;
    }

    @Test
    void progressCountsTheForwardsAndCancelStopsThem() {
        List<long[]> seen = new ArrayList<>();
        new Occlusion().explainEach(trace(), onePatch, List.of(0), params("batch", "5"),
                (done, total, msg) -> seen.add(new long[]{done, total}), CancellationToken.NONE);
        assertEquals(17, seen.get(seen.size() - 1)[0], "16 windows and the input itself");
        assertEquals(17, seen.get(0)[1]);
        CancellationToken.Source cancel = CancellationToken.newSource();
        int[] batches = {0};
        assertThrows(CancellationException.class, () -> new Rise().explainEach(trace(), onePatch, List.of(0),
                params("masks", "50", "batch", "5"), (done, total, msg) -> {
                    if (++batches[0] == 2) {
                        cancel.cancel();
                    }
                }, cancel));
        assertEquals(2, batches[0], "no forward after the cancel");
    }

    @Test
    void theRegistryOffersThemForAnyFamilyWithAHeadAndChecksTheirParameters() {
        Explainers all = Explainers.load();
        for (String name : List.of("occlusion", "rise", "hirescam", "xgradcam", "layercam", "eigencam", "scorecam",
                "ablationcam", "gradcam", "gradcam++")) {
            Explainer e = all.find(name).orElseThrow(() -> new AssertionError(name + " is not registered"));
            assertTrue(e.needsHead(), name);
        }
        Explainer occlusion = all.find("occlusion").orElseThrow();
        assertEquals(TraceNeeds.tokens(), occlusion.needs(ExplainRequest.defaults(1)), "only tokens: every family");
        ExplainRequest r = new ExplainRequest(0, HeadChoice.MEAN, null, RolloutOptions.defaults(),
                FeaturePca.Threshold.NONE, null, onePatch, 0, params("window", "28", "stride", "14"));
        PatchMap m = occlusion.explain(trace(), r).map();
        assertEquals(4, m.rows(), "gcd(28, 14, 14) = 14: the patch grid");
        assertEquals(List.of("windw"), params("windw", "3").unknownTo(occlusion));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> occlusion.explain(trace(),
                r.withParameters(params("window", "14", "stride", "28"))));
        assertTrue(e.getMessage().contains("stride"), e.getMessage());
    }
}
