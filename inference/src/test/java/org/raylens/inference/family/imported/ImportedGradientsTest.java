package org.raylens.inference.family.imported;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.io.AtomicFiles;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.ExplainRequest;
import org.raylens.inference.explain.Explainer;
import org.raylens.inference.explain.Explainers;
import org.raylens.inference.explain.FeaturePca;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.inference.explain.HeadChoice;
import org.raylens.inference.explain.InputGradientFunction;
import org.raylens.inference.explain.RolloutOptions;
import org.raylens.inference.explain.TraceNeeds;
import org.raylens.inference.explain.attribution.GradientAttribution;
import org.raylens.inference.explain.attribution.IntegrationRule;
import org.raylens.inference.head.TokenHead;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.model.ConfigValueException;
import org.raylens.inference.model.ModelLoadException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradients of imported TorchScript models (ImportedGradientTail), each against a reference computed here in plain
 * Java from the tiny models' known weights: Grad-CAM of a GAP + linear classifier is ReLU(sum_k W[c,k]/hw A_k);
 * the input gradient of a linear model is its weights; Integrated Gradients is complete. ONNX says it has no
 * gradients, and occlusion and RISE still run on it.
 */
class ImportedGradientsTest {
    @TempDir
    static Path tmp;
    private static Path cnn;
    private static Path linear;

    @BeforeAll
    static void copyModels() throws Exception {
        cnn = TinyImportedModels.copy(TinyImportedModels.CNN, tmp);
        linear = TinyImportedModels.copy(TinyImportedModels.LINEAR, tmp);
    }

    private static FloatTensor seeded(int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 4 - 2);
        }
        return new FloatTensor(v, new long[]{1, 1, size, size});
    }

    private static Encoder load(Path dir, String family) throws Exception {
        return Encoders.builder().folder(dir).family(family).build();
    }

    private static ExplainRequest request(TokenHead head, int output) {
        return new ExplainRequest(0, HeadChoice.MEAN, null, RolloutOptions.defaults(), FeaturePca.Threshold.NONE,
                null, head, output);
    }

    private static ForwardTrace trace(Encoder m, EncoderSession s, FloatTensor x, TraceNeeds needs) {
        return ForwardTrace.record(ExplainContext.of(m, s), ExplainInput.ofTensor(x, m.info().patchSize(), "seeded"),
                needs, Progress.NONE, CancellationToken.NONE);
    }

    @Test
    void torchScriptSaysItHasGradientsAndOnnxSaysItHasNone() throws Exception {
        try (Encoder ts = load(cnn, "torchscript"); Encoder onnx = load(cnn, "onnx")) {
            assertEquals(List.of("feature-map"), ts.capabilities().gradientLayerNames());
            assertTrue(ts.capabilities().inputGradients());
            assertFalse(onnx.capabilities().gradients());
            assertFalse(onnx.capabilities().inputGradients());
            assertTrue(ts.bundledHead().isPresent(), "model.json's head, read from the archive");
            assertTrue(onnx.bundledHead().isEmpty(), "ONNX cannot read the head's parameters");
            float[] w = NpyReader.read(cnn.resolve("head_weight.npy")).data();
            assertArrayEquals(w, ts.bundledHead().get().weight(), "fc.weight read from the TorchScript module");
            assertEquals(List.of("left", "middle", "right"), ts.bundledHead().get().labels());
        }
    }

    @Test
    void gradCamOfTheOwnHeadIsTheHeadWeightsOverTheFeatureMap() throws Exception {
        float[] w = NpyReader.read(cnn.resolve("head_weight.npy")).data();
        Explainer gradcam = Explainers.load().find("gradcam").orElseThrow();
        try (Encoder m = load(cnn, "torchscript"); EncoderSession s = m.newSession();
             Adapter head = Adapter.bundled(m).orElseThrow()) {
            FloatTensor x = seeded(32, 7);
            // the feature map from a plain forward: the reference needs no gradient machinery
            float[] a = s.forward(x, ForwardOptions.defaults(), Progress.NONE, CancellationToken.NONE)
                    .namedOutputs().get("feature_map").data();
            int k = 6;
            int p = 64;
            for (int c = 0; c < 3; c++) {
                ExplainRequest req = request(head.head(), c);
                PatchMap map = gradcam.explain(trace(m, s, x, gradcam.needs(req)), req).map();
                assertEquals(8, map.rows());
                assertEquals(8, map.cols());
                float[] want = new float[p];
                for (int i = 0; i < p; i++) {
                    double v = 0;
                    for (int ch = 0; ch < k; ch++) {
                        v += w[c * k + ch] / (double) p * a[ch * p + i];
                    }
                    want[i] = (float) Math.max(v, 0);
                }
                assertArrayEquals(want, map.values(), 1e-6f, "class " + c);
            }
        }
    }

    @Test
    void theInputGradientOfALinearModelIsItsWeightsAndIntegratedGradientsIsInputTimesGradient() throws Exception {
        float[] k = NpyReader.read(linear.resolve("conv_weight.npy")).data(); // (2, 1, 4, 4)
        float[] w = NpyReader.read(linear.resolve("head_weight.npy")).data(); // (3, 2)
        try (Encoder m = load(linear, "torchscript"); EncoderSession s = m.newSession();
             Adapter head = Adapter.bundled(m).orElseThrow()) {
            FloatTensor x = seeded(8, 3);
            ForwardTrace t = trace(m, s, x, TraceNeeds.tokens().withInputGradients());
            GradientTail tail = t.gradientTail().orElseThrow();
            for (int c = 0; c < 3; c++) {
                // d logit_c / d x(i, j) = sum_k W[c, k] K_k(i mod 4, j mod 4) / 4 (four cells are averaged)
                float[] want = new float[64];
                for (int i = 0; i < 8; i++) {
                    for (int j = 0; j < 8; j++) {
                        double g = 0;
                        for (int ch = 0; ch < 2; ch++) {
                            g += w[c * 2 + ch] * k[ch * 16 + (i % 4) * 4 + j % 4] / 4.0;
                        }
                        want[i * 8 + j] = (float) g;
                    }
                }
                InputGradientFunction f = InputGradientFunction.of(tail, head.head(), c);
                assertArrayEquals(want, f.apply(x, CancellationToken.NONE).gradients(), 1e-6f, "class " + c);
                // a batch of two (the graph was traced for one image: it runs image by image)
                float[] two = new float[128];
                System.arraycopy(x.data(), 0, two, 0, 64);
                System.arraycopy(seeded(8, 9).data(), 0, two, 64, 64);
                float[] g2 = f.apply(new FloatTensor(two, new long[]{2, 1, 8, 8}), CancellationToken.NONE).gradients();
                for (int i = 0; i < 64; i++) {
                    assertEquals(want[i], g2[i], 1e-6f);
                    assertEquals(want[i], g2[64 + i], 1e-6f);
                }
                GradientAttribution.IntegratedGradients ig = new GradientAttribution(f, 8).integratedGradients(x,
                        0f, 16, IntegrationRule.GAUSS_LEGENDRE, Progress.NONE, CancellationToken.NONE);
                for (int i = 0; i < 64; i++) {
                    assertEquals(x.data()[i] * want[i], ig.attributions()[i], 1e-5, "IG = input x weight, pixel " + i);
                }
            }
        }
    }

    @Test
    void integratedGradientsOnTheCnnIsCompleteAndSaliencyRuns() throws Exception {
        Explainers all = Explainers.load();
        try (Encoder m = load(cnn, "torchscript"); EncoderSession s = m.newSession();
             Adapter head = Adapter.bundled(m).orElseThrow()) {
            FloatTensor x = seeded(32, 11);
            ForwardTrace t = trace(m, s, x, TraceNeeds.tokens().withInputGradients());
            InputGradientFunction f = InputGradientFunction.of(t.gradientTail().orElseThrow(), head.head(), 1);
            GradientAttribution.IntegratedGradients ig = new GradientAttribution(f, 16).integratedGradients(x, 0f, 128,
                    IntegrationRule.GAUSS_LEGENDRE, Progress.NONE, CancellationToken.NONE);
            double sum = 0;
            for (float v : ig.attributions()) {
                sum += v;
            }
            assertEquals(ig.inputScore() - ig.baselineScore(), sum, 1e-3, "completeness");
            assertTrue(Math.abs(ig.delta()) < 1e-3, "convergence delta " + ig.delta());
            for (String method : List.of("saliency", "smoothgrad", "integrated-gradients")) {
                Explainer e = all.find(method).orElseThrow();
                ExplainRequest req = request(head.head(), 1);
                PatchMap map = e.explain(trace(m, s, x, e.needs(req)), req, Progress.NONE, CancellationToken.NONE)
                        .map();
                double energy = 0;
                for (float v : map.values()) {
                    assertTrue(Float.isFinite(v), method);
                    energy += Math.abs(v);
                }
                assertTrue(energy > 0, method + " gives a map that is not all zero");
            }
        }
    }

    /** A linear probe on the class token (the feature map's mean) with the CNN's own fc: its logits, on any engine. */
    private static Adapter fcProbe(Encoder m) throws Exception {
        FloatTensor w = NpyReader.read(cnn.resolve("head_weight.npy"));
        FloatTensor b = NpyReader.read(cnn.resolve("head_bias.npy"));
        return Adapter.linearProbe().setEncoder(EncoderIdentity.of(m)).setWeights(w.data(), b.data())
                .optName("tiny_cnn fc").build();
    }

    @Test
    void onnxRefusesEveryGradientMethodWithTheTypedErrorAndOcclusionAndRiseAgreeWithTorchScript() throws Exception {
        Explainers all = Explainers.load();
        FloatTensor x = seeded(32, 5);
        try (Encoder onnx = load(cnn, "onnx"); EncoderSession so = onnx.newSession(); Adapter ho = fcProbe(onnx);
             Encoder ts = load(cnn, "torchscript"); EncoderSession st = ts.newSession(); Adapter ht = fcProbe(ts)) {
            for (String method : List.of("gradcam", "saliency", "smoothgrad", "integrated-gradients")) {
                Explainer e = all.find(method).orElseThrow();
                NoGradientsException refused = assertThrows(NoGradientsException.class,
                        () -> trace(onnx, so, x, e.needs(request(ho.head(), 0))), method);
                assertTrue(refused.getMessage().contains("the onnx family gives no gradients"), refused.getMessage());
            }
            for (String method : List.of("occlusion", "rise")) {
                Explainer e = all.find(method).orElseThrow();
                ExplainRequest ro = request(ho.head(), 2);
                ExplainRequest rt = request(ht.head(), 2);
                float[] fromOnnx = e.explain(trace(onnx, so, x, e.needs(ro)), ro, Progress.NONE,
                        CancellationToken.NONE).map().values();
                float[] fromTorch = e.explain(trace(ts, st, x, e.needs(rt)), rt, Progress.NONE,
                        CancellationToken.NONE).map().values();
                double energy = 0;
                for (float v : fromOnnx) {
                    energy += Math.abs(v);
                }
                assertTrue(energy > 0, method + " on ONNX gives a map");
                assertArrayEquals(fromTorch, fromOnnx, 1e-4f, method + ": the same graph on both engines");
            }
        }
    }

    /** A copy of the tiny CNN whose manifest {@code edit} changes. */
    private static Path edited(String name, Consumer<JsonObject> edit) throws Exception {
        Path dir = TinyImportedModels.copy(TinyImportedModels.CNN, tmp.resolve(name));
        JsonObject m = JsonParser.parseString(Files.readString(dir.resolve("model.json"))).getAsJsonObject();
        edit.accept(m);
        AtomicFiles.writeString(dir.resolve("model.json"), m.toString());
        return dir;
    }

    @Test
    void aHeadDeclarationIsCheckedAgainstTheArchiveAndTheLogits() throws Exception {
        ConfigValueException notLogits = assertThrows(ConfigValueException.class, () -> load(edited("h1",
                m -> m.getAsJsonObject("head").addProperty("logits", "feature_map")), "torchscript"));
        assertEquals("head.logits", notLogits.key());
        ConfigValueException noWeight = assertThrows(ConfigValueException.class, () -> load(edited("h2",
                m -> m.getAsJsonObject("head").remove("weight")), "torchscript"));
        assertEquals("head.weight", noWeight.key());
        ConfigValueException badName = assertThrows(ConfigValueException.class, () -> load(edited("h3",
                m -> m.getAsJsonObject("head").addProperty("weight", "../fc.weight")), "torchscript"));
        assertEquals("head.weight", badName.key());
        ModelLoadException absent = assertThrows(ModelLoadException.class, () -> load(edited("h4",
                m -> m.getAsJsonObject("head").addProperty("weight", "classifier.weight")), "torchscript"));
        assertTrue(absent.getMessage().contains("no parameter of that name"), absent.getMessage());
        ModelLoadException shape = assertThrows(ModelLoadException.class, () -> load(edited("h5",
                m -> m.getAsJsonObject("head").addProperty("weight", "conv2.weight")), "torchscript"));
        assertTrue(shape.getMessage().contains("[3, 6]"), shape.getMessage());
        // fc without its bias is the right shape but not the graph's logits: refused, not trusted
        ModelLoadException wrong = assertThrows(ModelLoadException.class, () -> load(edited("h6",
                m -> m.getAsJsonObject("head").remove("bias")), "torchscript"));
        assertTrue(wrong.getMessage().contains("does not reproduce"), wrong.getMessage());
        // without "head" the model loads, with gradients, but brings no head of its own (model-import/1 as it was)
        try (Encoder plain = load(edited("h7", m -> m.remove("head")), "torchscript")) {
            assertTrue(plain.bundledHead().isEmpty());
            assertTrue(plain.capabilities().gradients());
        }
    }

    @Test
    void everyCamRunsOnTheCnnAndHiResAndAblationCamMatchTheirClosedForms() throws Exception {
        float[] w = NpyReader.read(cnn.resolve("head_weight.npy")).data();
        float[] bias = NpyReader.read(cnn.resolve("head_bias.npy")).data();
        Explainers all = Explainers.load();
        int c = 2;
        try (Encoder m = load(cnn, "torchscript"); EncoderSession s = m.newSession();
             Adapter head = Adapter.bundled(m).orElseThrow()) {
            FloatTensor x = seeded(32, 13);
            int live = m.liveArrayCount();
            float[] a = s.forward(x, ForwardOptions.defaults(), Progress.NONE, CancellationToken.NONE)
                    .namedOutputs().get("feature_map").data();
            int p = 64;
            double[] mean = new double[6];
            double y = bias[c];
            for (int k = 0; k < 6; k++) {
                for (int i = 0; i < p; i++) {
                    mean[k] += a[k * p + i] / (double) p;
                }
                y += w[c * 6 + k] * mean[k];
            }
            float[] hires = new float[p];
            float[] ablation = new float[p];
            for (int i = 0; i < p; i++) {
                double h = 0;
                double ab = 0;
                for (int k = 0; k < 6; k++) {
                    // HiResCAM: gradient x activation, and the gradient is W[c,k]/hw at every cell
                    h += w[c * 6 + k] / (double) p * a[k * p + i];
                    // Ablation-CAM with 0: (y - y without channel k) / y = W[c,k] mean(A_k) / y
                    ab += w[c * 6 + k] * mean[k] / y * a[k * p + i];
                }
                hires[i] = (float) Math.max(h, 0);
                ablation[i] = (float) Math.max(ab, 0);
            }
            for (String method : List.of("gradcam++", "hirescam", "xgradcam", "layercam", "eigencam", "scorecam",
                    "ablationcam")) {
                Explainer e = all.find(method).orElseThrow();
                ExplainRequest req = request(head.head(), c).withParameters(method.equals("ablationcam")
                        ? org.raylens.inference.explain.MethodParameters.parse(List.of("ablation=zero"))
                        : org.raylens.inference.explain.MethodParameters.NONE);
                PatchMap map = e.explain(trace(m, s, x, e.needs(req)), req, Progress.NONE, CancellationToken.NONE)
                        .map();
                assertEquals(p, map.values().length, method);
                for (float v : map.values()) {
                    assertTrue(Float.isFinite(v), method);
                }
                if (method.equals("hirescam")) {
                    assertArrayEquals(hires, map.values(), 1e-6f, method);
                }
                if (method.equals("ablationcam")) {
                    assertArrayEquals(ablation, map.values(), 1e-4f, method);
                }
            }
            Explainer ig = all.find("integrated-gradients").orElseThrow();
            ExplainRequest req = request(head.head(), c);
            ig.explain(trace(m, s, x, ig.needs(req)), req, Progress.NONE, CancellationToken.NONE);
            assertEquals(live, m.liveArrayCount(), "every array of the gradient passes is freed");
        }
    }

    @Test
    void inputGradientsOfTheGoldenCnnMatchFiniteDifferencesAndLeaveItInEvalMode() throws Exception {
        Path dir = ImportedGoldenTest.folder("xrv_cnn");
        FloatTensor x = NpyReader.read(dir.resolve("input_rand.npy"));
        float[] golden = NpyReader.read(dir.resolve("output_logits_rand.npy")).data();
        int target = 3;
        // a head that reads logit `target` from the one token of a model without a spatial output (its logits)
        TokenHead logit = new TokenHead() {
            @Override
            public ai.djl.ndarray.NDArray forward(ai.djl.ndarray.NDArray tokens, org.raylens.inference.encoder.TokenLayout l) {
                return tokens.get(":, 0, :");
            }

            @Override
            public int outputs() {
                return 18;
            }

            @Override
            public List<String> labels() {
                return List.of();
            }
        };
        try (Encoder m = load(dir, "torchscript"); EncoderSession s = m.newSession()) {
            assertTrue(m.capabilities().inputGradients());
            assertFalse(m.capabilities().gradients(), "no feature-map output: no Grad-CAM layer");
            ForwardTrace t = trace(m, s, x, TraceNeeds.tokens().withInputGradients());
            InputGradientFunction f = InputGradientFunction.of(t.gradientTail().orElseThrow(), logit, target);
            float[] g = f.apply(x, CancellationToken.NONE).gradients();
            // batch norm kept its running statistics: a forward after the backward is still the golden one
            float[] after = s.forward(x, ForwardOptions.defaults(), Progress.NONE, CancellationToken.NONE)
                    .namedOutputs().get("logits").data();
            assertTrue(ImportedGoldenTest.maxAbs(golden, after) <= 1e-4, "eval mode kept");
            // central differences at the pixels of largest |gradient| (the input is in xrv's [-1024, 1024] range)
            Integer[] order = new Integer[g.length];
            for (int i = 0; i < g.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Float.compare(Math.abs(g[b]), Math.abs(g[a])));
            double eps = 8;
            for (int n = 0; n < 4; n++) {
                int i = order[n];
                float[] plus = x.data().clone();
                float[] minus = x.data().clone();
                plus[i] += (float) eps;
                minus[i] -= (float) eps;
                double fd = (logitOf(s, plus, x.shape(), target) - logitOf(s, minus, x.shape(), target)) / (2 * eps);
                assertEquals(g[i], fd, 0.05 * Math.abs(g[i]), "pixel " + i);
            }
        }
    }

    private static double logitOf(EncoderSession s, float[] x, long[] shape, int index) {
        return s.forward(new FloatTensor(x, shape), ForwardOptions.defaults(), Progress.NONE, CancellationToken.NONE)
                .namedOutputs().get("logits").data()[index];
    }
}
