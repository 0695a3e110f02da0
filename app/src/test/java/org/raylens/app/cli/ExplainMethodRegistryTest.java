package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.explain.Explainers;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.io.NpyWriter;
import org.raylens.inference.family.dinov2.SyntheticModelFolder;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code raylens explain --method} resolves through the explainer registry: a method registered from test code alone
 * (META-INF/services) is listed and runs; an unknown name is a usage error naming the registered ones.
 */
class ExplainMethodRegistryTest {
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

    private Path input() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        float[] v = new float[3 * 28 * 42];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        Path in = tmp.resolve("in.npy");
        NpyWriter.write(in, new FloatTensor(v, new long[]{1, 3, 28, 42}));
        return in;
    }

    @Test
    void aToyExplainerFromTestResourcesIsRegisteredAndRuns() throws Exception {
        assertTrue(Explainers.load().names().contains("toy-norm"), Explainers.load().names().toString());
        assertEquals("Patch token norm (test)", Explainers.load().find("toy-norm").orElseThrow().displayName());
        Path model = tmp.resolve("model");
        SyntheticModelFolder.write(model, SyntheticModelFolder.tinyGeometry(), 21);
        Path map = tmp.resolve("toy.npy");
        int rc = run("--model", model.toString(), "--no-sha256", "--threads", "1", "--input", input().toString(),
                "--method", "toy-norm", "--out", map.toString());
        assertEquals(0, rc, err.toString());
        FloatTensor m = NpyReader.read(map);
        assertArrayEquals(new long[]{2, 3}, m.shape());
        for (float v : m.data()) {
            assertTrue(v > 0, "a LayerNormed token has a positive norm");
        }
        assertTrue(out.toString().contains("toy-norm"), out.toString());
    }

    @Test
    void anUnknownMethodIsAUsageErrorListingTheRegisteredOnes() throws Exception {
        Path model = tmp.resolve("model");
        SyntheticModelFolder.write(model, SyntheticModelFolder.tinyGeometry(), 21);
        int rc = run("--model", model.toString(), "--no-sha256", "--input", input().toString(), "--method", "magic",
                "--out", tmp.resolve("c.npy").toString());
        assertEquals(CliExitCodes.USAGE, rc);
        assertTrue(err.toString().contains("attention, rollout, point, gradcam, gradcam++, pca, hirescam, xgradcam,"
                + " layercam, eigencam, scorecam, ablationcam, occlusion, rise, saliency, smoothgrad, integrated-gradients,"
                + " toy-norm"),
                err.toString());
        assertFalse(Files.exists(tmp.resolve("c.npy")));
    }

    @Test
    void theHelpListsTheRegisteredMethods() {
        StringWriter help = new StringWriter();
        new CommandLine(new ExplainCommand()).usage(new PrintWriter(help));
        assertTrue(help.toString().replaceAll("\\s+", " ").contains("attention, rollout, point, gradcam, gradcam++, pca, hirescam, xgradcam,"
                + " layercam, eigencam, scorecam, ablationcam, occlusion, rise, saliency, smoothgrad, integrated-gradients,"
                + " toy-norm"),
                help.toString());
    }
}
