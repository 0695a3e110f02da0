package org.raylens.inference.family.dinov2;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.Precision;
import org.raylens.inference.explain.CamPipeline;
import org.raylens.inference.explain.CamWeighting;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.OutputTarget;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.kernel.CpuFeatures;
import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.preprocess.BitImageProcessor;
import org.raylens.inference.testsupport.GreyPng;
import org.raylens.inference.testsupport.SharedData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bf16 fast mode against float32, measured rather than assumed (issue 17): on the golden tiny ViT with its own
 * inputs and on real chest X-rays from ../shared/data/cxr (RAD-DINO preprocessing, 518 px) with the tiny ViT and a
 * synthetic ViT (random weights, registers, SwiGLU). Per pair: CLS cosine ≥ 0.9999, mean patch-token cosine ≥ 0.999,
 * every layer's attention maps Pearson r ≥ 0.999, Grad-CAM (norm1 of the last block) Pearson r ≥ 0.99 and a linear
 * adapter's scores within 1e-2. The measured figures are printed. Runs on any CPU: where bf16 is not native libtorch
 * emulates it (slowly), with the same rounding.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Bf16FidelityTest {
    private static final double CLS_COSINE = 0.9999;
    private static final double PATCH_COSINE = 0.999;
    private static final double ATTENTION_R = 0.999;
    private static final double GRADCAM_R = 0.99;
    private static final double SCORE_D = 1e-2;

    private final Map<String, Dinov2Encoder[]> models = new LinkedHashMap<>();
    private final Map<String, ExplainInput> inputs = new LinkedHashMap<>();

    @BeforeAll
    void load() throws IOException {
        Path shared = SharedData.root().orElse(null);
        Path golden = SharedData.golden().orElse(null);
        if (golden == null || shared == null) {
            return;
        }
        ComputeTarget bf16 = ComputeTarget.cpu(Precision.BF16, CpuFeatures.detect());
        try (Dinov2Checkpoint cp = Dinov2Checkpoint.open(golden.resolve("tiny/hf"), LoadOptions.defaults(), null)) {
            models.put("golden tiny", new Dinov2Encoder[]{Dinov2Encoder.load(cp, ComputeTarget.cpu()),
                    Dinov2Encoder.load(cp, bf16)});
        }
        Dinov2Config synthetic = new Dinov2Config(384, 6, 6, 14, 518, 3, Dinov2Config.swigluHidden(384, 4.0), 1e-6,
                true, true, FeedForwardKind.SWIGLU, 4);
        models.put("synthetic D384 L6 SwiGLU reg4", new Dinov2Encoder[]{
                Dinov2Encoder.build(synthetic, ComputeTarget.cpu(), null, new SyntheticWeights(synthetic, 17)),
                Dinov2Encoder.build(synthetic, bf16, null, new SyntheticWeights(synthetic, 17))});
        for (String kind : List.of("grad", "rand")) {
            inputs.put("golden 56x56 " + kind, ExplainInput.ofTensor(
                    NpyReader.read(golden.resolve("tiny/reference/input_56x56_" + kind + ".npy")), 14, kind));
        }
        BitImageProcessor radDino = new BitImageProcessor(PreprocessorConfig.radDino());
        Path png = shared.resolve("data/cxr/png");
        for (String site : List.of("nih", "hannover")) {
            try (Stream<Path> s = Files.list(png.resolve(site))) {
                for (Path p : s.filter(f -> f.toString().endsWith(".png")).sorted().limit(2).toList()) {
                    inputs.put("cxr " + site + "/" + p.getFileName(),
                            ExplainInput.of(radDino.process(GreyPng.read(p), p.toString()), 14));
                }
            }
        }
    }

    @AfterAll
    void close() {
        models.values().forEach(pair -> {
            pair[0].close();
            pair[1].close();
        });
    }

    @TestFactory
    List<DynamicTest> bf16MatchesFloat32() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("shared data present", () -> assumeTrue(!models.isEmpty(),
                "../shared/golden or ../shared/data is absent (set -Draylens.shared): bf16 fidelity not measured")));
        for (var m : models.entrySet()) {
            for (var in : inputs.entrySet()) {
                if (m.getKey().startsWith("synthetic") && (in.getKey().startsWith("golden") || !firstOfSite(in.getKey()))) {
                    // the golden inputs are 56 px for the tiny model; the synthetic ViT (the slow one where bf16 is
                    // emulated) reads one CXR per site
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(m.getKey() + " on " + in.getKey(),
                        () -> compare(m.getKey(), m.getValue()[0], m.getValue()[1], in.getValue())));
            }
        }
        return tests;
    }

    private boolean firstOfSite(String input) {
        String site = input.substring(0, input.lastIndexOf('/'));
        return inputs.keySet().stream().filter(k -> k.startsWith(site + "/")).findFirst().orElse("").equals(input);
    }

    private void compare(String name, Dinov2Encoder fp32, Dinov2Encoder bf16, ExplainInput input) {
        assertEquals(Precision.BF16, bf16.target().precision(), bf16.target().message());
        Dinov2Model m32 = Dinov2Model.of(fp32);
        Dinov2Model m16 = Dinov2Model.of(bf16);
        assertTrue(m16.provenance().oneLine().contains("precision=bf16"), m16.provenance().oneLine());
        assertTrue(ExplainContext.identity(m16.provenance()).contains("computed in bf16"), "every map says bf16");
        assertFalse(ExplainContext.identity(m32.provenance()).contains("bf16"));
        int layers = fp32.config().numLayers();
        var all = IntStream.range(0, layers).boxed().collect(Collectors.toSet());
        Adapter probe = probe(fp32.config());
        try (EncoderSession s32 = m32.newSession(); EncoderSession s16 = m16.newSession()) {
            FloatTensor x = input.tensor();
            EncoderOutput plain32 = s32.forward(x, ForwardOptions.defaults());
            EncoderOutput plain16 = s16.forward(x, ForwardOptions.defaults());
            double cls = cosine(plain32.pooler(0), plain16.pooler(0));
            double patch = meanPatchCosine(plain32.patchTokens(0), plain16.patchTokens(0), fp32.config().hiddenSize());
            EncoderOutput maps32 = s32.forward(x, ForwardOptions.defaults().withAttentions(all));
            EncoderOutput maps16 = s16.forward(x, ForwardOptions.defaults().withAttentions(all));
            double attention = 1;
            for (int l = 0; l < layers; l++) {
                attention = Math.min(attention, pearson(maps32.attentions().get(l).data(), maps16.attentions().get(l).data()));
            }
            double cam = pearson(gradCam(m32, s32, input, probe), gradCam(m16, s16, input, probe));
            double scores = 0;
            var a = probe.score(plain32, 0).scores();
            var b = probe.score(plain16, 0).scores();
            for (int i = 0; i < a.size(); i++) {
                scores = Math.max(scores, Math.abs(a.get(i).probability() - b.get(i).probability()));
            }
            String line = String.format(Locale.ROOT, "bf16 vs fp32, %s on %s: CLS cosine %.6f, mean patch cosine %.6f,"
                            + " attention r (min over layers) %.6f, Grad-CAM r %.5f, adapter scores max|d| %.2e",
                    name, input.preprocessing().length() > 60 ? input.preprocessing().substring(0, 60) : input.preprocessing(),
                    cls, patch, attention, cam, scores);
            System.out.println(line);
            assertTrue(cls >= CLS_COSINE, line);
            assertTrue(patch >= PATCH_COSINE, line);
            assertTrue(attention >= ATTENTION_R, line);
            assertTrue(cam >= GRADCAM_R, line);
            assertTrue(scores <= SCORE_D, line);
            assertFalse(cls == 1.0 && patch == 1.0, "bf16 gave float32's numbers exactly: it did not run in bf16");
        } finally {
            probe.close();
        }
    }

    private static float[] gradCam(Dinov2Model model, EncoderSession session, ExplainInput input, Adapter probe) {
        CamPipeline p = new CamPipeline(ExplainContext.of(model, session), "norm1", CamWeighting.GRAD_CAM);
        return p.run(input, probe.head(), OutputTarget.output(0, null), Progress.NONE, CancellationToken.NONE).cam();
    }

    /** A 3-class linear probe on the CLS token with seeded weights giving logits of order one. */
    private static Adapter probe(Dinov2Config c) {
        SplittableRandom r = new SplittableRandom(5);
        float[] w = new float[3 * c.hiddenSize()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) ((r.nextDouble() * 2 - 1) * Math.sqrt(3.0 / c.hiddenSize()));
        }
        return Adapter.linearProbe().setEncoder(new EncoderIdentity("fidelity", c.hiddenSize(), c.patchSize(),
                c.numRegisterTokens(), EncoderIdentity.NOT_COMPUTED)).setWeights(w, new float[]{0.1f, -0.2f, 0f}).build();
    }

    static double cosine(float[] a, float[] b) {
        return cosine(a, b, 0, a.length);
    }

    private static double cosine(float[] a, float[] b, int from, int to) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = from; i < to; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    private static double meanPatchCosine(float[] a, float[] b, int dim) {
        int n = a.length / dim;
        double sum = 0;
        for (int t = 0; t < n; t++) {
            sum += cosine(a, b, t * dim, (t + 1) * dim);
        }
        return sum / n;
    }

    static double pearson(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }
}
