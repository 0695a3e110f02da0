package org.raylens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.family.dinov2.Dinov2Checkpoint;
import org.raylens.inference.family.dinov2.Dinov2Family;
import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.model.PreprocessorConfig;

class SyntheticModelCommandTest {
    @TempDir
    Path tmp;

    private int run(StringWriter err, String... args) {
        picocli.CommandLine cli = new picocli.CommandLine(new SyntheticModelCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void writesAFolderTheCheckpointLoaderAccepts() throws Exception {
        Path folder = tmp.resolve("tiny");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "--out", folder.toString()), err.toString());
        try (Dinov2Checkpoint c = Dinov2Checkpoint.open(folder, LoadOptions.defaults(), null)) {
            assertEquals(Dinov2Family.architecture(SyntheticModelCommand.Size.TINY.architecture).orElseThrow(), c.config(),
                    "config.json states the tiny architecture");
            assertEquals(PreprocessorConfig.radDino(), c.preprocessor().orElseThrow());
        }
        assertTrue(Files.readString(folder.resolve("README.txt")).contains("random"));
    }

    @Test
    void theSameSeedWritesTheSameWeights() throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "--out", tmp.resolve("a").toString(), "--seed", "7"));
        assertEquals(0, run(err, "--out", tmp.resolve("b").toString(), "--seed", "7"));
        assertEquals(-1L, Files.mismatch(tmp.resolve("a/model.safetensors"), tmp.resolve("b/model.safetensors")));
    }

    @Test
    void refusesToOverwriteAModelAndRejectsUnknownSizes() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(folder.resolve("config.json"), "{}");
        StringWriter err = new StringWriter();
        assertEquals(CliExitCodes.FAILURE, run(err, "--out", folder.toString()));
        assertTrue(err.toString().contains("already holds a model"), err.toString());
        assertEquals("{}", Files.readString(folder.resolve("config.json")), "the existing folder is untouched");
        assertEquals(CliExitCodes.USAGE, run(err, "--out", tmp.resolve("x").toString(), "--size", "huge"));
    }
}
