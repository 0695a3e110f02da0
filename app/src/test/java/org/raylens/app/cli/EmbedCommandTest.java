package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.io.NpyReader;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code raylens embed} on the golden tiny model: rows with provenance, resume, .npy and patch-token outputs. */
class EmbedCommandTest {
    @TempDir
    Path tmp;

    private static void png(Path p, int w, int h, int seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * seed + y * 3) & 0xff);
            }
        }
        ImageIO.write(img, "png", p.toFile());
    }

    private int run(StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new EmbedCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @Test
    void embedsResumesAndWritesNpy() throws IOException {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; embed CLI test skipped");
        Path images = Files.createDirectory(tmp.resolve("images"));
        png(images.resolve("a.png"), 80, 60, 5);
        png(images.resolve("b.png"), 60, 90, 7);
        Files.writeString(images.resolve("notes.txt"), "ignored");
        Path csv = tmp.resolve("out/emb.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, images.toString(), "--model", g.resolve("tiny/hf").toString(), "--threads", "1", "--out", csv.toString(),
                "--patch-tokens", tmp.resolve("out/patches.npy").toString()), err.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), "header + one row per image");
        assertTrue(lines.get(0).startsWith("path,weights_sha256,"));
        assertTrue(lines.get(1).contains("a.png") && lines.get(1).contains("BitImageProcessor"), lines.get(1));
        FloatTensor patches = NpyReader.read(tmp.resolve("out/patches.npy"));
        assertArrayEquals(new long[]{2, 4, 4, 64}, patches.shape());

        // a second run finds every row present and computes nothing new
        png(images.resolve("c.png"), 70, 70, 9);
        assertEquals(0, run(err, images.toString(), "--model", g.resolve("tiny/hf").toString(), "--threads", "1", "--out", csv.toString()));
        List<String> again = Files.readAllLines(csv);
        assertEquals(4, again.size());
        assertEquals(lines.get(1), again.get(1), "existing rows untouched");

        Path npy = tmp.resolve("npy/emb.npy");
        assertEquals(0, run(err, images.toString(), "--model", g.resolve("tiny/hf").toString(), "--threads", "1", "--out", npy.toString()));
        assertArrayEquals(new long[]{3, 64}, NpyReader.read(npy).shape());
        assertTrue(Files.isRegularFile(tmp.resolve("npy/emb.npy.csv")));
    }

    @Test
    void unreadableAndDicomFilesAreReportedAndSkipped() throws IOException {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; embed CLI test skipped");
        Files.writeString(tmp.resolve("broken.png"), "not a png");
        Files.writeString(tmp.resolve("scan.dcm"), "DICM");
        png(tmp.resolve("ok.png"), 56, 56, 3);
        StringWriter err = new StringWriter();
        int rc = run(err, tmp.toString(), "--model", g.resolve("tiny/hf").toString(), "--threads", "1", "--out",
                tmp.resolve("e.csv").toString());
        assertEquals(1, rc, "failures give exit status 1");
        assertTrue(err.toString().contains("broken.png"), err.toString());
        assertTrue(err.toString().contains("DICOM image reader"), err.toString());
        assertEquals(2, Files.readAllLines(tmp.resolve("e.csv")).size());
    }
}
