package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.io.NpyWriter;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code raylens explain --target} names a gradient layer of the loaded encoder's family (DINOv2: norm1, block-input
 * with its old spelling block-in, block-output); any other name is a usage error listing the family's names.
 */
class ExplainTargetOptionTest {
    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ExplainCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    private String[] gradCam(String target, Path out) throws Exception {
        Path model = tmp.resolve("model");
        if (!Files.exists(model)) {
            Encoders.family("dinov2").orElseThrow().writeRandomFolder(model, "tiny", 21);
        }
        SplittableRandom r = new SplittableRandom(3);
        float[] v = new float[3 * 28 * 42];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        NpyWriter.write(tmp.resolve("in.npy"), new FloatTensor(v, new long[]{1, 3, 28, 42}));
        float[] w = new float[2 * 32];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        NpyWriter.write(tmp.resolve("w.npy"), new FloatTensor(w, new long[]{2, 32}));
        NpyWriter.write(tmp.resolve("b.npy"), new FloatTensor(new float[2], new long[]{2}));
        return new String[]{"--model", model.toString(), "--no-sha256", "--threads", "1", "--input",
                tmp.resolve("in.npy").toString(), "--method", "gradcam", "--head-weights", tmp.resolve("w.npy").toString(),
                "--head-bias", tmp.resolve("b.npy").toString(), "--target", target, "--out", out.toString()};
    }

    @Test
    void everyLayerTheFamilyNamesRunsAndTheOldSpellingStillWorks() throws Exception {
        for (String target : new String[]{"norm1", "block-input", "block-in", "block-output"}) {
            Path out = tmp.resolve(target + ".npy");
            assertEquals(CliExitCodes.OK, run(gradCam(target, out)), target + ": " + err);
            assertTrue(Files.isRegularFile(out), target);
        }
    }

    @Test
    void anUnknownLayerIsAUsageErrorNamingTheFamilysLayers() throws Exception {
        Path out = tmp.resolve("x.npy");
        assertEquals(CliExitCodes.USAGE, run(gradCam("blocks.3", out)));
        assertTrue(err.toString().contains("[norm1, block-input, block-output]"), err.toString());
        assertTrue(Files.notExists(out));
    }
}
