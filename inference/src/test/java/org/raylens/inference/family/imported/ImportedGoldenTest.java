package org.raylens.inference.family.imported;

import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.raylens.inference.adapter.Scores;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.ModelOutput;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.testsupport.SharedData;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every model in ../shared/golden/import, from its TorchScript and its ONNX file, against the torch eager outputs
 * there (README: torch 1.13 trace and ONNX export of seeded random models), within 1e-5 absolute.
 */
class ImportedGoldenTest {
    static final double TOLERANCE = 1e-5;

    static Path folder(String model) {
        Path dir = SharedData.golden().map(g -> g.resolve("import").resolve(model)).orElse(null);
        assumeTrue(dir != null && dir.toFile().isDirectory(), "../shared/golden/import is absent: skipped");
        return dir;
    }

    static double maxAbs(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "xrv_cnn, model.pt, rand", "xrv_cnn, model.pt, grad", "xrv_cnn, model.onnx, rand",
            "xrv_cnn, model.onnx, grad", "dinov2_tiny, model.pt, rand", "dinov2_tiny, model.pt, grad",
            "dinov2_tiny, model.onnx, rand", "dinov2_tiny, model.onnx, grad"})
    void everyOutputMatchesItsReference(String model, String file, String input) throws Exception {
        Path dir = folder(model);
        FloatTensor x = NpyReader.read(dir.resolve("input_" + input + ".npy"));
        try (Encoder e = Encoders.builder().folder(dir.resolve(file)).build(); EncoderSession s = e.newSession()) {
            assertEquals(file.endsWith(".onnx") ? "onnx" : "torchscript", e.info().family());
            int live = e.liveArrayCount();
            EncoderOutput o = s.forward(x, ForwardOptions.defaults());
            assertEquals(live, e.liveArrayCount(), "a forward frees every native array it made");
            assertFalse(e.outputs().isEmpty());
            for (ModelOutput out : e.outputs()) {
                FloatTensor ref = NpyReader.read(dir.resolve("output_" + out.name() + "_" + input + ".npy"));
                FloatTensor got = o.namedOutputs().get(out.name());
                assertArrayEquals(ref.shape(), got.shape(), out.name());
                double d = maxAbs(ref.data(), got.data());
                System.out.printf(Locale.ROOT, "import golden %s %s %s %s: max|d| = %.3g%n", model, file, input,
                        out.name(), d);
                assertTrue(d <= TOLERANCE, out.name() + " max|d| " + d);
            }
            if (model.equals("xrv_cnn")) {
                ModelOutput logits = e.outputs().get(0);
                assertEquals(18, logits.labels().size());
                assertEquals("Atelectasis", logits.labels().get(0));
                float[] probs = logits.activation().apply(o.namedOutputs().get("logits").data());
                FloatTensor ref = NpyReader.read(dir.resolve("output_probs_" + input + ".npy"));
                assertTrue(maxAbs(ref.data(), probs) <= TOLERANCE, "sigmoid probabilities");
                Scores scores = Scores.fromLogits(logits, o.namedOutputs().get("logits").data(), "test");
                assertEquals("Enlarged Cardiomediastinum", scores.scores().get(17).label());
                assertEquals(ref.data()[17], scores.get("Enlarged Cardiomediastinum").probability(), TOLERANCE);
                // no spatial output: the one token is the global feature (the logits), grid 0 x 0
                assertEquals(1, o.layout().numTokens());
                assertArrayEquals(o.namedOutputs().get("logits").data(), o.pooled(0));
            } else {
                // patch tokens become the encoder's tokens: CLS then a 4 x 4 grid, pooled = the embedding output
                FloatTensor ref = NpyReader.read(dir.resolve("output_last_hidden_state_" + input + ".npy"));
                assertEquals(4, o.layout().rows());
                assertEquals(4, o.layout().cols());
                assertEquals(14, o.layout().patchSize());
                assertTrue(maxAbs(ref.data(), o.lastHiddenState().data()) <= TOLERANCE);
                float[] patches = Arrays.copyOfRange(ref.data(), 64, ref.data().length);
                assertTrue(maxAbs(patches, o.patchTokens(0)) <= TOLERANCE);
                FloatTensor pooled = NpyReader.read(dir.resolve("output_pooler_output_" + input + ".npy"));
                assertTrue(maxAbs(pooled.data(), o.pooled(0)) <= TOLERANCE);
            }
        }
    }

    /** A batch of two through a fixed-batch graph runs image by image and gives each image's own outputs. */
    @Test
    void aBatchRunsImageByImage() throws Exception {
        Path dir = folder("xrv_cnn");
        FloatTensor a = NpyReader.read(dir.resolve("input_rand.npy"));
        FloatTensor b = NpyReader.read(dir.resolve("input_grad.npy"));
        float[] both = new float[a.data().length * 2];
        System.arraycopy(a.data(), 0, both, 0, a.data().length);
        System.arraycopy(b.data(), 0, both, a.data().length, b.data().length);
        try (Encoder e = Encoders.builder().folder(dir.resolve("model.onnx")).build();
             EncoderSession s = e.newSession()) {
            EncoderOutput o = s.forward(new FloatTensor(both, new long[]{2, 1, 224, 224}), ForwardOptions.defaults());
            FloatTensor logits = o.namedOutputs().get("logits");
            assertArrayEquals(new long[]{2, 18}, logits.shape());
            float[] second = Arrays.copyOfRange(logits.data(), 18, 36);
            assertTrue(maxAbs(NpyReader.read(dir.resolve("output_logits_grad.npy")).data(), second) <= TOLERANCE);
        }
    }

    /**
     * Forward time of each imported model on this machine (warm, median of 20), printed for the report with
     * libtorch's thread count (surefire's JVM runs it with one; ONNX Runtime uses its own default).
     */
    @Test
    void printsForwardTimes() throws Exception {
        org.raylens.inference.encoder.TorchEngine.get(); // loads libtorch before any JNI call
        timeEachModel("libtorch threads " + JniUtils.getNumThreads());
    }

    private static void timeEachModel(String setting) throws Exception {
        for (String model : new String[]{"xrv_cnn", "dinov2_tiny"}) {
            Path dir = folder(model);
            FloatTensor x = NpyReader.read(dir.resolve("input_rand.npy"));
            for (String file : new String[]{"model.pt", "model.onnx"}) {
                try (Encoder e = Encoders.builder().folder(dir.resolve(file)).build();
                     EncoderSession s = e.newSession()) {
                    for (int i = 0; i < 5; i++) {
                        s.forward(x, ForwardOptions.defaults());
                    }
                    long[] ns = new long[20];
                    for (int i = 0; i < ns.length; i++) {
                        long t0 = System.nanoTime();
                        s.forward(x, ForwardOptions.defaults());
                        ns[i] = System.nanoTime() - t0;
                    }
                    Arrays.sort(ns);
                    System.out.printf(Locale.ROOT, "import forward %s %s (%s): median %.2f ms (min %.2f)%n", model, file,
                            setting,
                            ns[ns.length / 2] / 1e6, ns[0] / 1e6);
                }
            }
        }
    }
}
