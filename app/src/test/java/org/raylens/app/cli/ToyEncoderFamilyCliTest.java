package org.raylens.app.cli;

import org.raylens.app.embed.EmbedInput;
import org.raylens.app.embed.ViewerImageInputReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.analysis.Analysis;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.ExplainRequest;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.inference.explain.TraceNeeds;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.toy.ToyEncoderFamily;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's "done when", command-line half: an encoder family and an explainer added from test code alone (the
 * inference test-jar's {@link ToyEncoderFamily}, this module's {@link ToyExplainer}, both registered through
 * META-INF/services) run through {@code raylens explain} with no main-code edit; a method the toy cannot give
 * (it has no attention maps, no gradients) is a typed one-line error, exit 2, before any map is written.
 */
class ToyEncoderFamilyCliTest {
    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ExplainCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    /** A toy model folder: the marker file and nothing else (no config.json, no weights). */
    private Path toyModel() throws Exception {
        Path folder = tmp.resolve("toy-model");
        ToyEncoderFamily.mark(folder);
        return folder;
    }

    /** A grey, non-square PNG with structure in it (a gradient and a bright rectangle). */
    private Path image() throws Exception {
        BufferedImage img = new BufferedImage(90, 70, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 70; y++) {
            for (int x = 0; x < 90; x++) {
                int v = x >= 20 && x < 50 && y >= 10 && y < 30 ? 250 : (x * 2 + y) % 200;
                img.getRaster().setSample(x, y, 0, v);
            }
        }
        Path png = tmp.resolve("xray.png");
        ImageIO.write(img, "png", png.toFile());
        return png;
    }

    @Test
    void theToyExplainerRunsOnTheToyFamilyAndGivesTheMapOfTheToyTrace() throws Exception {
        Path model = toyModel();
        Path image = image();
        Path map = tmp.resolve("toy.npy");
        int rc = run(image.toString(), "--model", model.toString(), "--no-sha256", "--threads", "1",
                "--method", "toy-norm", "--out", map.toString());
        assertEquals(0, rc, err.toString());
        assertTrue(out.toString().contains("toy-norm"), out.toString());

        // the same map, by hand: the toy encoder loaded from the folder, the image made the CLI's way, one trace
        FloatTensor written = NpyReader.read(map);
        try (Encoder toy = Encoders.builder().folder(model).build(); EncoderSession session = toy.newSession()) {
            assertEquals(ToyEncoderFamily.NAME, toy.info().family());
            EmbedInput.Grey grey = (EmbedInput.Grey) new ViewerImageInputReader().readFile(image);
            ExplainInput input = Analysis.input(grey.image(), grey.provenance(), PreprocessorConfig.radDino(),
                    toy.info().patchSize(), image.getFileName().toString());
            ForwardTrace trace = ForwardTrace.record(ExplainContext.of(toy, session), input, TraceNeeds.tokens(),
                    Progress.NONE, CancellationToken.NONE);
            float[] direct = new ToyExplainer().explain(trace, ExplainRequest.defaults(toy.info().layers())).map()
                    .values();
            assertArrayEquals(new long[]{trace.layout().rows(), trace.layout().cols()}, written.shape());
            assertArrayEquals(direct, written.data());
        }
        assertTrue(Files.readString(tmp.resolve("toy.npy.provenance.txt")).contains("toy"));
    }

    @Test
    void pcaRunsOnTheToyFamily() throws Exception {
        Path map = tmp.resolve("pca.npy");
        int rc = run(image().toString(), "--model", toyModel().toString(), "--no-sha256", "--threads", "1",
                "--method", "pca", "--out", map.toString());
        assertEquals(0, rc, err.toString());
        FloatTensor pca = NpyReader.read(map);
        assertEquals(3, pca.shape().length, "rows x cols x 3 components");
        assertEquals(3, pca.dim(2));
        Path png = tmp.resolve("pca.png");
        assertEquals(0, run(image().toString(), "--model", toyModel().toString(), "--no-sha256", "--threads", "1",
                "--method", "pca", "--out", png.toString()), err.toString());
        assertTrue(Files.size(png) > 0);
    }

    @Test
    void attentionOnTheToyIsATypedErrorNamingTheMethodAndWhatTheModelLacks() throws Exception {
        for (String method : new String[]{"attention", "rollout"}) {
            int before = err.toString().length();
            Path map = tmp.resolve(method + ".npy");
            int rc = run(image().toString(), "--model", toyModel().toString(), "--no-sha256", "--threads", "1",
                    "--method", method, "--out", map.toString());
            assertEquals(CliExitCodes.UNREADABLE, rc, err.toString());
            String said = err.toString().substring(before).strip();
            assertEquals("error: --method " + method + ": this model gives no attention maps (encoder family toy)",
                    said);
            assertFalse(Files.exists(map), "nothing is written");
        }
    }

    @Test
    void gradCamOnTheToyIsATypedErrorSayingItGivesNoGradients() throws Exception {
        Path map = tmp.resolve("cam.npy");
        int rc = run(image().toString(), "--model", toyModel().toString(), "--no-sha256", "--threads", "1",
                "--method", "gradcam", "--out", map.toString());
        assertEquals(CliExitCodes.UNREADABLE, rc, err.toString());
        assertEquals("error: --method gradcam: this model gives no gradients (no Grad-CAM) (encoder family toy)",
                err.toString().strip());
        assertFalse(Files.exists(map));
    }
}
