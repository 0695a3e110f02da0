package org.raylens.inference.explain;

import org.raylens.core.result.PatchMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.family.dinov2.Dinov2Model;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.head.TokenHead;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.family.dinov2.Dinov2Checkpoint;
import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.testsupport.SharedData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Grad-CAM and attention maps against ../shared/golden (official DINOv2 code with a fixed linear head on
 * pooler_output, PyTorch autograd): activations, gradients, weights, cam and cam_minmax at the three target layers,
 * at compare.py's tolerance (2e-3 of max|golden|); CLS attention equal to the reference probabilities (1e-5).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GoldenGradCamTest {
    private Path ref;
    private Dinov2Encoder encoder;
    private EncoderSession predictor;
    private Adapter probe;
    private TokenHead head;

    @BeforeAll
    void load() throws IOException {
        Path golden = SharedData.golden().orElse(null);
        if (golden == null) {
            return;
        }
        ref = golden.resolve("tiny/reference");
        try (Dinov2Checkpoint cp = Dinov2Checkpoint.open(golden.resolve("tiny/hf"), LoadOptions.defaults(), null)) {
            encoder = Dinov2Encoder.load(cp, ComputeTarget.cpu());
        }
        predictor = Dinov2Model.of(encoder).newSession();
        FloatTensor w = NpyReader.read(ref.resolve("gradcam_head_weight.npy"));
        FloatTensor b = NpyReader.read(ref.resolve("gradcam_head_bias.npy"));
        // the reference's fixed linear head on pooler_output is RayLens's one linear head: a CLS linear probe
        var c = encoder.config();
        probe = Adapter.linearProbe().setEncoder(new EncoderIdentity("golden tiny", c.hiddenSize(), c.patchSize(),
                c.numRegisterTokens(), EncoderIdentity.NOT_COMPUTED)).setWeights(w.data(), b.data()).build();
        head = probe.head();
    }

    @AfterAll
    void close() {
        if (predictor != null) {
            probe.close();
            predictor.close();
            encoder.close();
        }
    }

    private void assumeGolden() {
        assumeTrue(ref != null, "../shared/golden is absent (set -Draylens.shared): golden Grad-CAM skipped");
    }

    private ExplainInput input(String kind) throws IOException {
        return ExplainInput.ofTensor(NpyReader.read(ref.resolve("input_56x56_" + kind + ".npy")), 14, "golden " + kind);
    }

    @TestFactory
    List<DynamicTest> gradCamMatchesTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, String> layers = Map.of("norm1", "norm1", "block_in", "block-input",
                "block_out", "block-output");
        for (String kind : List.of("grad", "rand")) {
            for (var e : layers.entrySet()) {
                tests.add(DynamicTest.dynamicTest(e.getKey() + " " + kind, () -> {
                    assumeGolden();
                    CamPipeline p = new CamPipeline(ExplainContext.of(Dinov2Model.of(encoder), predictor), e.getValue(), CamWeighting.GRAD_CAM);
                    CamResult r = p.run(input(kind), head, OutputTarget.output(1, null), Progress.NONE, CancellationToken.NONE);
                    String pre = "gradcam_" + e.getKey() + "_";
                    String suf = "_56x56_" + kind + ".npy";
                    if (!e.getKey().equals("block_out")) {
                        check(pre + "activations" + suf, r.activations());
                    }
                    check(pre + "gradients" + suf, r.gradients());
                    check(pre + "weights" + suf, r.weights());
                    check(pre + "cam" + suf, r.cam());
                    check(pre + "cam_minmax" + suf, r.camMinMax());
                    check("gradcam_logits" + suf, r.outputs());
                    if (e.getKey().equals("block_out")) {
                        for (float g : r.gradients()) {
                            assertEquals(0f, g, "the last block's output gets exactly zero gradient from a CLS head");
                        }
                    }
                }));
            }
        }
        return tests;
    }

    @Test
    void patchMapCarriesTheRawCamAndProvenance() throws IOException {
        assumeGolden();
        CamPipeline p = new CamPipeline(ExplainContext.of(Dinov2Model.of(encoder), predictor), "norm1", CamWeighting.GRAD_CAM);
        PatchMap m = p.explain(input("grad"), head, 1, Progress.NONE, CancellationToken.NONE);
        FloatTensor g = NpyReader.read(ref.resolve("gradcam_norm1_cam_56x56_grad.npy"));
        assertEquals(4, m.rows());
        assertClose("patch map", g.data(), m.values());
        assertTrue(m.provenance().contains("gradcam") && m.provenance().contains("class 1"), m.provenance());
    }

    @Test
    void lastLayerAttentionEqualsTheReferenceProbabilities() throws IOException {
        assumeGolden();
        for (String kind : List.of("grad", "rand")) {
            FloatTensor probs = NpyReader.read(ref.resolve("attn_probs_last_56x56_" + kind + ".npy"));
            int heads = probs.dim(1);
            int n = probs.dim(2);
            AttentionMaps maps = new AttentionMaps(ExplainContext.of(Dinov2Model.of(encoder), predictor));
            for (int h = -1; h < heads; h++) {
                HeadChoice choice = h < 0 ? HeadChoice.MEAN : HeadChoice.of(h);
                PatchMap m = maps.cls(input(kind), 1, choice);
                float[] expected = new float[n - 1];
                for (int t = 1; t < n; t++) {
                    double s = 0;
                    for (int hh = 0; hh < heads; hh++) {
                        if (h < 0 || hh == h) {
                            s += probs.data()[(hh * n) * n + t];
                        }
                    }
                    expected[t - 1] = (float) (s / (h < 0 ? heads : 1));
                }
                assertArrayEquals(expected, m.values(), 1e-5f, kind + " head " + h);
            }
        }
    }

    private void check(String golden, float[] candidate) throws IOException {
        FloatTensor g = NpyReader.read(ref.resolve(golden));
        assertEquals(g.data().length, candidate.length, golden + ": size");
        assertClose(golden, g.data(), candidate);
    }

    /** compare.py's Grad-CAM criterion: max|d| ≤ 1e-12 + 2e-3 · max|golden|. */
    static void assertClose(String what, float[] golden, float[] cand) {
        double gmax = 0;
        double d = 0;
        for (int i = 0; i < golden.length; i++) {
            assertTrue(Float.isFinite(cand[i]), what + ": NaN/Inf");
            gmax = Math.max(gmax, Math.abs(golden[i]));
            d = Math.max(d, Math.abs((double) golden[i] - cand[i]));
        }
        double limit = 1e-12 + 2e-3 * gmax;
        assertTrue(d <= limit, what + ": max|d| = " + d + " > " + limit);
    }
}
