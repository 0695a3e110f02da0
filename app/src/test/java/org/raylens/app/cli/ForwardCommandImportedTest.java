package org.raylens.app.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
 * {@code raylens forward --model <imported folder>} writes one {@code <output name>.npy} per output of the folder's
 * model.json, equal to the torch eager references in ../shared/golden/import; {@code --family onnx} runs the .onnx
 * of a folder whose manifest prefers TorchScript.
 */
class ForwardCommandImportedTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"xrv_cnn, torchscript, logits", "xrv_cnn, onnx, logits",
            "dinov2_tiny, torchscript, last_hidden_state pooler_output",
            "dinov2_tiny, onnx, last_hidden_state pooler_output"})
    void writesOneNpyPerManifestOutput(String model, String family, String outputs) throws IOException {
        Path g = ForwardCommandTest.golden().map(p -> p.resolve("import").resolve(model)).filter(Files::isDirectory)
                .orElse(null);
        assumeTrue(g != null, "../shared/golden/import is absent; imported forward CLI test skipped");
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ForwardCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        int rc = cli.execute("--model", g.toString(), "--family", family, "--threads", "1",
                "--input", g.resolve("input_grad.npy").toString(), "--out", tmp.toString());
        assertEquals(0, rc, err.toString());
        for (String name : outputs.split(" ")) {
            FloatTensor mine = NpyReader.read(tmp.resolve(name + ".npy"));
            FloatTensor gold = NpyReader.read(g.resolve("output_" + name + "_grad.npy"));
            assertArrayEquals(gold.shape(), mine.shape(), name);
            for (int i = 0; i < gold.data().length; i++) {
                assertTrue(Math.abs(gold.data()[i] - mine.data()[i]) <= 1e-5, name + " at " + i);
            }
        }
        assertTrue(Files.readString(tmp.resolve("provenance.txt")).contains("naming=" + family),
                Files.readString(tmp.resolve("provenance.txt")));
    }
}
