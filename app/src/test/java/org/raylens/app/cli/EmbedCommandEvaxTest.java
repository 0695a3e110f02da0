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

/** {@code raylens embed} with an EVA-X checkpoint stores EVA-X's pooled feature (fc_norm of the mean patch), not CLS. */
class EmbedCommandEvaxTest {
    @TempDir
    Path tmp;

    @Test
    void anEvaxEmbeddingIsTheAuthorsPooledFeature() throws IOException {
        Path g = ForwardCommandTest.golden().map(p -> p.resolve("evax/evax_tiny")).filter(Files::isDirectory).orElse(null);
        assumeTrue(g != null, "../shared/golden/evax is absent; EVA-X embed CLI test skipped");
        Path inputs = Files.createDirectory(tmp.resolve("in"));
        Files.createSymbolicLink(inputs.resolve("x.npy"), g.resolve("input_224x224_rand.npy"));
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EmbedCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        Path out = tmp.resolve("out/emb.npy");
        int rc = cli.execute(inputs.toString(), "--model", g.resolve("weights/evax_tiny.pth").toString(), "--no-sha256",
                "--threads", "1", "--out", out.toString());
        assertEquals(0, rc, err.toString());
        FloatTensor mine = NpyReader.read(out);
        FloatTensor pooled = NpyReader.read(g.resolve("pooled_224x224_rand.npy"));
        assertArrayEquals(pooled.shape(), mine.shape());
        for (int i = 0; i < pooled.data().length; i++) {
            assertTrue(Math.abs(pooled.data()[i] - mine.data()[i]) <= 1e-4, "pooled feature at " + i);
        }
    }
}
