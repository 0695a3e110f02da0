package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.io.NpyReader;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code raylens forward} end to end on the golden tiny model: files written, numbers equal to the reference. */
class ForwardCommandTest {
    @TempDir
    Path tmp;

    static Optional<Path> golden() {
        String prop = System.getProperty("raylens.shared");
        Path shared = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath().getParent().resolve("../shared").normalize();
        Path g = shared.resolve("golden");
        return Files.isDirectory(g) ? Optional.of(g) : Optional.empty();
    }

    @Test
    void writesOutputsMatchingTheGoldenReference() throws IOException {
        Path g = golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; forward CLI golden test skipped");
        Path ref = g.resolve("tiny/reference");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ForwardCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int rc = cli.execute("--model", g.resolve("tiny/dinov2").toString(), "--heads", "2", "--no-sha256", "--threads", "1",
                "--input", ref.resolve("input_84x70_grad.npy").toString(), "--out", tmp.toString(),
                "--attentions", "-1", "--interpolation", "dinov2");
        assertEquals(0, rc, err.toString());
        for (String[] pair : new String[][]{{"last_hidden_state.npy", "last_hidden_state_84x70_grad_dinov2.npy"},
                {"pooler_output.npy", "pooler_output_84x70_grad_dinov2.npy"},
                {"patch_tokens.npy", "patch_tokens_84x70_grad_dinov2.npy"},
                {"attentions_1.npy", "attn_probs_last_84x70_grad_dinov2.npy"}}) {
            FloatTensor mine = NpyReader.read(tmp.resolve(pair[0]));
            FloatTensor gold = NpyReader.read(ref.resolve(pair[1]));
            assertArrayEquals(gold.shape(), mine.shape(), pair[0]);
            double tol = pair[0].startsWith("attentions") ? 1e-5 : 5e-5;
            for (int i = 0; i < gold.data().length; i++) {
                assertTrue(Math.abs(gold.data()[i] - mine.data()[i]) <= tol, pair[0] + " at " + i);
            }
        }
        assertTrue(Files.readString(tmp.resolve("provenance.txt")).contains("DINOV2_NATIVE"));
    }

    @Test
    void badArgumentsGiveAUsageErrorNotAStackTrace() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ForwardCommand());
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute("--input", tmp.resolve("missing.npy").toString(), "--out", tmp.toString());
        assertEquals(2, rc);
        assertTrue(err.toString().contains("--model"), err.toString());
        assertFalse(Files.exists(tmp.resolve("last_hidden_state.npy")));
    }

    @Test
    void aBrokenModelFolderIsAOneLineErrorNotAStackTrace() throws IOException {
        Path model = Files.createDirectory(tmp.resolve("model"));
        Files.write(model.resolve("model.safetensors"), new byte[]{1, 2, 3});
        Path input = tmp.resolve("x.npy");
        org.raylens.inference.io.NpyWriter.write(input, new FloatTensor(new float[3 * 14 * 14], new long[]{1, 3, 14, 14}));
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ForwardCommand());
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute("--model", model.toString(), "--no-sha256", "--input", input.toString(), "--out",
                tmp.resolve("out").toString());
        assertEquals(CliExitCodes.UNREADABLE, rc, "a model that does not load is unreadable input");
        assertTrue(err.toString().startsWith("raylens forward: SafetensorsException.Truncated: ")
                && err.toString().contains("truncated"), err.toString());
        assertFalse(err.toString().contains("\tat "), "no stack trace");
    }
}
