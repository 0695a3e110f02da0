package org.raylens.app.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.io.NpyReader;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code raylens explain} on an imported ViT (../shared/golden/import/dinov2_tiny): PCA runs on its patch tokens
 * from an image, through the manifest's preprocessing, with either engine; attention is refused as for any family
 * without attentions.
 */
class ExplainCommandImportedTest {
    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ExplainCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    private Path image() throws Exception {
        BufferedImage img = new BufferedImage(90, 70, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 70; y++) {
            for (int x = 0; x < 90; x++) {
                img.getRaster().setSample(x, y, 0, x >= 20 && x < 50 && y >= 10 && y < 30 ? 250 : (x * 2 + y) % 200);
            }
        }
        Path png = tmp.resolve("xray.png");
        ImageIO.write(img, "png", png.toFile());
        return png;
    }

    @ParameterizedTest
    @ValueSource(strings = {"torchscript", "onnx"})
    void pcaRunsOnAnImportedVitsPatchTokensAndAttentionIsRefused(String family) throws Exception {
        Path model = ForwardCommandTest.golden().map(p -> p.resolve("import/dinov2_tiny")).filter(Files::isDirectory)
                .orElse(null);
        assumeTrue(model != null, "../shared/golden/import is absent; skipped");
        Path map = tmp.resolve("pca.npy");
        int rc = run(image().toString(), "--model", model.toString(), "--family", family, "--threads", "1",
                "--method", "pca", "--out", map.toString());
        assertEquals(0, rc, err.toString());
        FloatTensor pca = NpyReader.read(map);
        assertArrayEquals(new long[]{4, 4, 3}, pca.shape(), "the manifest's 4 x 4 grid, 3 components");
        int refused = run(image().toString(), "--model", model.toString(), "--family", family, "--threads", "1",
                "--method", "attention", "--out", tmp.resolve("att.npy").toString());
        assertEquals(CliExitCodes.UNREADABLE, refused, err.toString());
        assertTrue(err.toString().contains("attention"), err.toString());
    }
}
