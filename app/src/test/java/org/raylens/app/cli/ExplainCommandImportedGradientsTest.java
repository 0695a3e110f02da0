package org.raylens.app.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.family.imported.TinyImportedModels;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.io.NpyWriter;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code raylens explain} on an imported TorchScript CNN (the inference tests' tiny_cnn): Grad-CAM of the model's own
 * classes with no head option (model.json's head), equal to ReLU(sum_k W[c,k]/hw A_k); the input-gradient methods
 * run; on its ONNX export every gradient method is refused in words and occlusion still runs.
 */
class ExplainCommandImportedGradientsTest {
    @TempDir
    static Path tmp;
    private static Path cnn;
    private static Path input;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    @BeforeAll
    static void setUp() throws Exception {
        cnn = TinyImportedModels.copy(TinyImportedModels.CNN, tmp);
        SplittableRandom r = new SplittableRandom(17);
        float[] v = new float[32 * 32];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextDouble() * 4 - 2);
        }
        input = tmp.resolve("x.npy");
        NpyWriter.write(input, new FloatTensor(v, new long[]{1, 1, 32, 32}));
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ExplainCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    @Test
    void gradCamOfTheOwnHeadNeedsNoHeadOptionAndEqualsTheClosedForm() throws Exception {
        Path map = tmp.resolve("gradcam.npy");
        int rc = run("--model", cnn.toString(), "--threads", "1", "--input", input.toString(), "--method", "gradcam",
                "--class", "1", "--out", map.toString());
        assertEquals(0, rc, err.toString());
        FloatTensor got = NpyReader.read(map);
        assertArrayEquals(new long[]{8, 8}, got.shape());
        float[] w = NpyReader.read(cnn.resolve("head_weight.npy")).data();
        float[] a;
        try (Encoder m = Encoders.builder().folder(cnn).build(); EncoderSession s = m.newSession()) {
            a = s.forward(NpyReader.read(input), ForwardOptions.defaults(), Progress.NONE, CancellationToken.NONE)
                    .namedOutputs().get("feature_map").data();
        }
        float[] want = new float[64];
        for (int i = 0; i < 64; i++) {
            double v = 0;
            for (int k = 0; k < 6; k++) {
                v += w[6 + k] / 64.0 * a[k * 64 + i];
            }
            want[i] = (float) Math.max(v, 0);
        }
        assertArrayEquals(want, got.data(), 1e-6f);
        assertTrue(out.toString().contains("middle"), "the manifest's label names the class: " + out);
    }

    @Test
    void theInputGradientMethodsRunOnTorchScript() {
        for (String method : new String[]{"saliency", "smoothgrad", "integrated-gradients"}) {
            int rc = run("--model", cnn.toString(), "--threads", "1", "--input", input.toString(), "--method", method,
                    "--out", tmp.resolve(method + ".npy").toString());
            assertEquals(0, rc, method + ": " + err);
        }
    }

    @Test
    void onnxRefusesTheGradientMethodsInWordsAndStillRunsOcclusion() {
        for (String method : new String[]{"gradcam", "saliency", "integrated-gradients"}) {
            int rc = run("--model", cnn.toString(), "--family", "onnx", "--threads", "1", "--input", input.toString(),
                    "--method", method, "--out", tmp.resolve("onnx-" + method + ".npy").toString());
            assertEquals(CliExitCodes.UNREADABLE, rc, method + ": " + err);
            assertTrue(err.toString().contains("gives no") && err.toString().contains("gradients"), err.toString());
        }
        int rc = run("--model", cnn.toString(), "--family", "onnx", "--threads", "1", "--input", input.toString(),
                "--method", "occlusion", "--head-weights", cnn.resolve("head_weight.npy").toString(), "--head-bias",
                cnn.resolve("head_bias.npy").toString(), "--out", tmp.resolve("onnx-occlusion.npy").toString());
        assertEquals(0, rc, err.toString());
    }
}
