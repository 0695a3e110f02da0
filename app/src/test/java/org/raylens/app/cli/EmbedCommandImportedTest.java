package org.raylens.app.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * {@code raylens embed} with an imported model stores its global feature: the manifest's embedding output
 * (dinov2_tiny's pooler_output), or a classifier's logits when it declares no embedding (xrv_cnn).
 */
class EmbedCommandImportedTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"dinov2_tiny, onnx, pooler_output", "dinov2_tiny, torchscript, pooler_output",
            "xrv_cnn, torchscript, logits"})
    void theEmbeddingIsTheModelsGlobalFeature(String model, String family, String reference) throws IOException {
        Path g = ForwardCommandTest.golden().map(p -> p.resolve("import").resolve(model)).filter(Files::isDirectory)
                .orElse(null);
        assumeTrue(g != null, "../shared/golden/import is absent; imported embed CLI test skipped");
        Path inputs = Files.createDirectory(tmp.resolve("in"));
        Files.createSymbolicLink(inputs.resolve("x.npy"), g.resolve("input_rand.npy"));
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EmbedCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        Path out = tmp.resolve("out/emb.npy");
        int rc = cli.execute(inputs.toString(), "--model", g.toString(), "--family", family, "--threads", "1",
                "--out", out.toString());
        assertEquals(0, rc, err.toString());
        FloatTensor mine = NpyReader.read(out);
        FloatTensor gold = NpyReader.read(g.resolve("output_" + reference + "_rand.npy"));
        assertArrayEquals(gold.shape(), mine.shape());
        for (int i = 0; i < gold.data().length; i++) {
            assertTrue(Math.abs(gold.data()[i] - mine.data()[i]) <= 1e-5, reference + " at " + i);
        }
    }
}
