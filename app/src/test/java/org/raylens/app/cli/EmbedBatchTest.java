package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code raylens embed --batch N} writes the same rows, in the same order, as single-image forwards (the embeddings
 * equal to float rounding), with a bad file failing alone and the others embedded.
 */
class EmbedBatchTest {
    @TempDir
    Path tmp;

    private static int run(StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new EmbedCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    private Path images() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("images"));
        for (int i = 0; i < 7; i++) {
            BufferedImage img = new BufferedImage(60 + 3 * i, 56 + i, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    img.getRaster().setSample(x, y, 0, (x * (i + 2) + y * 5) & 0xff);
                }
            }
            ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
        }
        Files.writeString(dir.resolve("img3b.png"), "not a png"); // fails alone, between img3 and img4
        return dir;
    }

    @Test
    void batchedRowsEqualSingleImageRowsInTheSameOrder() throws IOException {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; embed batch test skipped");
        Path images = images();
        String model = g.resolve("tiny/hf").toString();
        StringWriter err = new StringWriter();
        Path one = tmp.resolve("one.csv");
        Path three = tmp.resolve("three.csv");
        assertEquals(CliExitCodes.COMPLETED_WITH_FAILURES, run(err, images.toString(), "--model", model, "--threads", "1",
                "--out", one.toString()), err.toString());
        assertEquals(CliExitCodes.COMPLETED_WITH_FAILURES, run(err, images.toString(), "--model", model, "--threads", "1",
                "--batch", "3", "--out", three.toString()), err.toString());
        List<String> a = Files.readAllLines(one);
        List<String> b = Files.readAllLines(three);
        assertEquals(8, a.size(), "header + the 7 readable images");
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).substring(0, a.get(i).indexOf(',')), b.get(i).substring(0, b.get(i).indexOf(',')),
                    "row " + i + ": the same image in the same place");
        }
        List<float[]> ea = EmbeddingCsv.readEmbeddings(one, 64);
        List<float[]> eb = EmbeddingCsv.readEmbeddings(three, 64);
        for (int i = 0; i < ea.size(); i++) {
            for (int c = 0; c < 64; c++) {
                assertEquals(ea.get(i)[c], eb.get(i)[c], 1e-4f, "row " + i + " column " + c);
            }
        }
        assertTrue(Files.readString(tmp.resolve("three.csv.failures.csv")).contains("img3b.png"));
        assertEquals(CliExitCodes.USAGE, run(err, images.toString(), "--model", model, "--batch", "0",
                "--out", tmp.resolve("zero.csv").toString()));
    }
}
