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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code raylens forward --model <EVA-X .pth file>}: the family is found from the file alone, and last_hidden_state,
 * pooled (fc_norm of the mean patch token, not CLS) and the last attention equal the authors' code's outputs.
 */
class ForwardCommandEvaxTest {
    @TempDir
    Path tmp;

    @Test
    void writesEvaxTokensPooledFeatureAndAttention() throws IOException {
        Path g = ForwardCommandTest.golden().map(p -> p.resolve("evax/evax_tiny")).filter(Files::isDirectory).orElse(null);
        assumeTrue(g != null, "../shared/golden/evax is absent; EVA-X forward CLI test skipped");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ForwardCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int rc = cli.execute("--model", g.resolve("weights/evax_tiny.pth").toString(), "--no-sha256", "--threads", "1",
                "--input", g.resolve("input_224x224_rand.npy").toString(), "--out", tmp.toString(), "--attentions", "-1");
        assertEquals(0, rc, err.toString());
        for (String[] pair : new String[][]{{"last_hidden_state.npy", "last_block_output_prenorm_224x224_rand.npy"},
                {"pooled.npy", "pooled_224x224_rand.npy"}, {"attentions_11.npy", "attn_probs_last_224x224_rand.npy"}}) {
            FloatTensor mine = NpyReader.read(tmp.resolve(pair[0]));
            FloatTensor gold = NpyReader.read(g.resolve(pair[1]));
            assertArrayEquals(gold.shape(), mine.shape(), pair[0]);
            double tol = pair[0].startsWith("attentions") ? 1e-5 : 1e-4;
            for (int i = 0; i < gold.data().length; i++) {
                assertTrue(Math.abs(gold.data()[i] - mine.data()[i]) <= tol, pair[0] + " at " + i);
            }
        }
        assertTrue(Files.readString(tmp.resolve("provenance.txt")).contains("EVA-X ViT D=192"));
    }
}
