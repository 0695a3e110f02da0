package org.raylens.inference.family.evax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.BundledHead;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.TraceRequest;
import org.raylens.inference.encoder.TracedForward;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.testsupport.SharedData;
import org.raylens.inference.testsupport.Tolerance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * EVA-X-Ti against ../shared/golden/evax/evax_tiny (hustvl/EVA-X's own model code, seeded random weights, PyTorch
 * fp32), loaded through the seam from the .pth and from the safetensors copy: tokens and pooled feature within 1e-4,
 * attention within 1e-5, at 224 (native) and 256 (pos_embed interpolated, RoPE tables recomputed), and Grad-CAM at
 * the last block's norm1 with the checkpoint's own head on the pooled feature.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvaxGoldenTest {
    private static final double TOKENS = 1e-4;
    private static final double ATTENTION = 1e-5;
    private static final double EMBEDDINGS = 5e-5;

    private Path golden;
    private EvaxModel fromPth;
    private EvaxModel fromSafetensors;

    @BeforeAll
    void load() throws IOException {
        golden = SharedData.golden().map(g -> g.resolve("evax/evax_tiny")).filter(Files::isDirectory).orElse(null);
        if (golden == null) {
            return;
        }
        fromPth = (EvaxModel) Encoders.builder().folder(golden.resolve("weights/evax_tiny.pth"))
                .device(ComputeTarget.cpu()).build();
        fromSafetensors = (EvaxModel) Encoders.builder().folder(golden.resolve("weights/evax_tiny.safetensors"))
                .device(ComputeTarget.cpu()).build();
    }

    @AfterAll
    void close() {
        if (fromPth != null) {
            fromPth.close();
            fromSafetensors.close();
        }
    }

    private void assumeGolden() {
        assumeTrue(golden != null, "../shared/golden/evax is absent; EVA-X golden tests skipped");
    }

    private FloatTensor npy(String name) throws IOException {
        return NpyReader.read(golden.resolve(name));
    }

    private static double check(String what, FloatTensor golden, FloatTensor cand, double atol) {
        Tolerance.assertClose(what, golden.shape(), golden.data(), cand.shape(), cand.data(), atol);
        double d = Tolerance.maxAbsDiff(golden.data(), cand.data());
        System.out.printf("EVA-X golden %-45s max|d| = %.3g%n", what, d);
        return d;
    }

    @Test
    void bothFilesLoadAsEvaxTinyWithTheirNotes() {
        assumeGolden();
        assertEquals(EvaxConfig.tiny(), fromPth.config());
        assertEquals(EvaxConfig.tiny(), fromSafetensors.config());
        assertEquals("evax", fromPth.info().family());
        String notes = String.join("; ", fromPth.provenance().notes());
        assertTrue(notes.contains("state dict under 'model'"), notes);
        assertTrue(notes.contains("26 RoPE buffers"), notes);
        assertTrue(notes.contains("RoPE pt 14.0 read back"), notes);
        assertTrue(notes.contains("classification head"), notes);
        assertEquals(14, fromPth.bundledHead().orElseThrow().classes());
    }

    @Test
    void aFolderWithConfigJsonIsSurestAndReadsItsGeometryAndPreprocessing(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        assumeGolden();
        Path folder = Files.createDirectories(tmp.resolve("evax"));
        Files.createSymbolicLink(folder.resolve("config.json"), golden.resolve("config.json"));
        Files.createSymbolicLink(folder.resolve("evax_tiny.pth"), golden.resolve("weights/evax_tiny.pth"));
        assertEquals(EvaxFamily.CONFIG_SAYS_EVAX, new EvaxFamily().supports(folder).score());
        try (Encoder e = Encoders.builder().folder(folder).build()) {
            assertTrue(e.provenance().notes().contains("architecture from config.json, checked against the tensor shapes"),
                    e.provenance().notes().toString());
            var p = e.preprocessor().orElseThrow();
            assertEquals(256, p.shortestEdge());
            assertEquals(224, p.cropHeight());
            assertEquals(0.49185243f, p.imageMean()[1]);
            assertEquals(0.28509309f, p.imageStd()[2]);
        }
        Files.writeString(folder.resolve("preprocessor_config.json"), "{\"size\": {\"shortest_edge\": 300},"
                + " \"crop_size\": {\"height\": 288, \"width\": 288}}");
        try (Encoder e = Encoders.builder().folder(folder).build()) {
            assertEquals(288, e.preprocessor().orElseThrow().cropHeight(), "the folder's preprocessing wins");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"224x224_rand", "224x224_grad", "256x256_rand"})
    void tokensPooledAndAttentionMatchTheAuthorsCode(String stem) throws IOException {
        assumeGolden();
        FloatTensor input = npy("input_" + stem + ".npy");
        ForwardOptions options = ForwardOptions.defaults().withHiddenStates(true).withAttentions(Set.of(11));
        EncoderOutput pth;
        EncoderOutput st;
        try (EncoderSession a = fromPth.newSession(); EncoderSession b = fromSafetensors.newSession()) {
            pth = a.forward(input, options);
            st = b.forward(input, options);
        }
        check(stem + " embeddings", npy("embeddings_" + stem + ".npy"), pth.hiddenStates().get(0), EMBEDDINGS);
        check(stem + " hidden_state_01", npy("hidden_state_01_" + stem + ".npy"), pth.hiddenStates().get(1), TOKENS);
        check(stem + " last_block_output_prenorm", npy("last_block_output_prenorm_" + stem + ".npy"),
                pth.lastHiddenState(), TOKENS);
        check(stem + " pooled", npy("pooled_" + stem + ".npy"), pth.pooledOutput(), TOKENS);
        check(stem + " attn_probs_last", npy("attn_probs_last_" + stem + ".npy"), pth.attentions().get(11), ATTENTION);
        check(stem + " logits", npy("logits_" + stem + ".npy"), logits(fromPth, pth.pooledOutput()), TOKENS);
        if (stem.startsWith("256")) {
            FloatTensor used = npy("pos_embed_used_256x256.npy");
            check("pos_embed_used_256x256", new FloatTensor(used.data(), new long[]{257, 192}),
                    pth.positionEmbedding(), 1e-5);
        }
        // the same weights from either file give the same numbers, bit for bit
        assertEquals(pth.lastHiddenState(), st.lastHiddenState(), "tokens from .pth and .safetensors differ");
        assertEquals(pth.pooledOutput(), st.pooledOutput());
        assertEquals(pth.attentions().get(11), st.attentions().get(11));
    }

    @ParameterizedTest
    @ValueSource(ints = {224, 256})
    void ropeTablesMatchRopePy(int size) throws IOException {
        assumeGolden();
        RotaryTables t = RotaryTables.of(size / 16, size / 16, 64, 14);
        long[] shape = {(long) (size / 16) * (size / 16), 64};
        check("rope cos " + size, npy("rope_freqs_cos_" + size + "x" + size + ".npy"), new FloatTensor(t.cos(), shape), 5e-5);
        check("rope sin " + size, npy("rope_freqs_sin_" + size + "x" + size + ".npy"), new FloatTensor(t.sin(), shape), 5e-5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rand", "grad"})
    void gradCamAtNorm1MatchesPytorchGradCam(String kind) throws IOException {
        assumeGolden();
        String stem = "224x224_" + kind;
        FloatTensor input = npy("input_" + stem + ".npy");
        TraceRequest request = new TraceRequest(PositionEmbeddingInterpolation.HF, Set.of(), Optional.empty(), true);
        GradientTail.LayerGradients g;
        try (EncoderSession s = fromPth.newSession()) {
            TracedForward t = s.trace(input, request, Progress.NONE, CancellationToken.NONE);
            GradientTail tail = t.gradientTail().orElseThrow();
            assertEquals("norm1", tail.layers().get(0).name());
            g = tail.gradients("norm1", List.of(headLogit(fromPth, 0)), CancellationToken.NONE).get(0);
        }
        float target = npy("gradcam_target_" + stem + ".npy").data()[0];
        assertEquals(target, g.score(), 1e-4, "logit 0");
        FloatTensor acts = npy("gradcam_activations_" + stem + ".npy");
        FloatTensor grads = npy("gradcam_gradients_" + stem + ".npy");
        double gmax = absMax(grads.data());
        check(stem + " gradcam_activations", acts, new FloatTensor(g.activations(), acts.shape()), TOKENS);
        check(stem + " gradcam_gradients (2e-3 x max)", grads, new FloatTensor(g.gradients(), grads.shape()), 2e-3 * gmax);
        float[] cam = cam(g.activations(), g.gradients(), 196, 192);
        float[] ref = npy("gradcam_cam_" + stem + ".npy").data();
        double r = pearson(ref, cam);
        System.out.printf("EVA-X golden %-45s r = %.6f%n", stem + " gradcam_cam Pearson", r);
        assertTrue(r >= 0.999, "Grad-CAM Pearson r = " + r);
    }

    /** pytorch-grad-cam: channel weights = mean gradient over the grid, cam = max(Σ_c w_c·A_c, 0). */
    private static float[] cam(float[] a, float[] g, int p, int c) {
        double[] w = new double[c];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < c; j++) {
                w[j] += g[i * c + j] / (double) p;
            }
        }
        float[] cam = new float[p];
        for (int i = 0; i < p; i++) {
            double s = 0;
            for (int j = 0; j < c; j++) {
                s += w[j] * a[i * c + j];
            }
            cam[i] = (float) Math.max(s, 0);
        }
        return cam;
    }

    private static double pearson(float[] x, float[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double absMax(float[] v) {
        double m = 0;
        for (float f : v) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }

    /** The checkpoint's head on the pooled feature, in plain arithmetic: (B, classes). */
    private static FloatTensor logits(EvaxModel m, FloatTensor pooled) {
        BundledHead h = m.bundledHead().orElseThrow();
        int d = pooled.dim(1);
        float[] out = new float[pooled.dim(0) * h.classes()];
        for (int b = 0; b < pooled.dim(0); b++) {
            for (int k = 0; k < h.classes(); k++) {
                double s = h.bias()[k];
                for (int j = 0; j < d; j++) {
                    s += (double) h.weight()[k * d + j] * pooled.data()[b * d + j];
                }
                out[b * h.classes() + k] = (float) s;
            }
        }
        return new FloatTensor(out, new long[]{pooled.dim(0), h.classes()});
    }

    /** +logit_k of model(x): head(fc_norm(mean of the patch tokens)), differentiable (the golden's target). */
    private static GradientTail.Score headLogit(EvaxModel m, int k) {
        BundledHead h = m.bundledHead().orElseThrow();
        return (tokens, layout) -> {
            NDManager mgr = tokens.getManager();
            NDArray pooled = tokens.get(":, 1:, :").mean(new int[]{1});
            NDArray normed = m.encoder().fcNorm().apply(pooled);
            NDArray w = mgr.create(h.weight(), new Shape(h.classes(), layout.dim()));
            NDArray b = mgr.create(h.bias(), new Shape(h.classes()));
            NDArray logits = normed.matMul(w.transpose()).add(b);
            return new GradientTail.Scored(logits, logits.get("0, " + k));
        };
    }
}
