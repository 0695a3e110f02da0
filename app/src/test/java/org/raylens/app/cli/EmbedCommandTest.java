package org.raylens.app.cli;

import org.raylens.app.embed.EmbedInputReader;
import org.raylens.app.embed.EmbedInput;

import org.junit.jupiter.api.Test;
import org.raylens.viewer.source.ImageSource;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.io.NpyReader;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.NativePixels;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;
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
        assertTrue(lines.get(0).startsWith("source,weights_sha256,"));
        assertTrue(lines.get(1).startsWith(images.resolve("a.png").toUri().toASCIIString() + ","),
                "the image is named by its source URI: " + lines.get(1));
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
    void oneBadFileNeverStopsTheBatch() throws IOException {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; embed CLI test skipped");
        // a reader that blows up with an unchecked error, as a decoder bug or a header with absurd sizes may;
        // its file sorts first, so every other file comes after it
        EmbedInputReader exploding = new EmbedInputReader() {
            @Override
            public boolean accepts(ImageSource source) {
                return source.uri().getPath().endsWith(".boom");
            }

            @Override
            public EmbedInput read(ImageSource source) {
                throw new ArithmeticException("frame count overflows");
            }
        };
        Files.writeString(tmp.resolve("a.boom"), "x");
        Files.writeString(tmp.resolve("broken.png"), "not a png");
        Files.writeString(tmp.resolve("scan.dcm"), "DICM");
        png(tmp.resolve("ok.png"), 56, 56, 3);
        png(tmp.resolve("zz.png"), 60, 56, 4);
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new EmbedCommand(List.of(exploding)));
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        Path csv = tmp.resolve("out/e.csv");
        int rc = cli.execute(tmp.toString(), "--model", g.resolve("tiny/hf").toString(), "--threads", "1", "--out",
                csv.toString());
        assertEquals(CliExitCodes.COMPLETED_WITH_FAILURES, rc, "completed, with failures: " + err);
        assertEquals(3, Files.readAllLines(csv).size(), "header + the two good images, both after the bad ones");
        String said = err.toString();
        assertTrue(said.contains("3 file(s) failed:") && said.contains("a.boom: ArithmeticException"), said);
        assertTrue(said.contains("scan.dcm: TruncatedDicomException"), "a bare DICM magic is a cut DICOM file: " + said);
        List<String> failures = Files.readAllLines(tmp.resolve("out/e.csv.failures.csv"));
        assertEquals(BatchFailures.HEADER, failures.get(0));
        assertEquals(4, failures.size(), failures.toString());
        assertTrue(failures.get(1).endsWith(",ArithmeticException,frame count overflows"), failures.get(1));
        assertTrue(failures.get(2).contains("broken.png"), failures.get(2));

        // once the bad files are gone, a rerun completes and the stale failures list goes with them
        Files.delete(tmp.resolve("a.boom"));
        Files.delete(tmp.resolve("broken.png"));
        Files.delete(tmp.resolve("scan.dcm"));
        assertEquals(0, cli.execute(tmp.toString(), "--model", g.resolve("tiny/hf").toString(), "--threads", "1",
                "--out", csv.toString()), err.toString());
        assertTrue(!Files.exists(tmp.resolve("out/e.csv.failures.csv")));
    }

    @Test
    void embedsDicomMonochrome1WithBoneBright() throws Exception {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; embed CLI test skipped");
        short[] ramp = new short[48 * 40];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (short) (i % 40 * 100);
        }
        Path mono2 = tmp.resolve("m2.dcm");
        Path mono1 = tmp.resolve("m1.dcm");
        writeDicom(mono2, "MONOCHROME2", ramp, "1.2.826.0.1.3680043.2.1125.1");
        short[] inverted = ramp.clone();
        for (int i = 0; i < inverted.length; i++) {
            inverted[i] = (short) (4095 - inverted[i]);
        }
        writeDicom(mono1, "MONOCHROME1", inverted, "1.2.826.0.1.3680043.2.1125.2");
        Path csv = tmp.resolve("dicom.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, mono2.toString(), mono1.toString(), "--model", g.resolve("tiny/hf").toString(),
                "--threads", "1", "--out", csv.toString()), err.toString());
        List<float[]> rows = EmbeddingCsv.readEmbeddings(csv, 64);
        assertEquals(2, rows.size());
        assertArrayEquals(rows.get(0), rows.get(1), 1e-5f,
                "MONOCHROME1 inverted before min-max gives the MONOCHROME2 image's embedding");
        assertTrue(Files.readAllLines(csv).get(2).contains("MONOCHROME1"), "the recipe is in the provenance");
    }

    private static void writeDicom(Path file, String photometric, short[] pixels, String sopInstance)
            throws Exception {
        DicomObject d = new DicomObject();
        d.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.1.1");
        d.setString(Tag.SOPInstanceUID, VR.UI, sopInstance);
        d.setInts(Tag.SamplesPerPixel, VR.US, 1);
        d.setString(Tag.PhotometricInterpretation, VR.CS, photometric);
        d.setInts(Tag.Rows, VR.US, 48);
        d.setInts(Tag.Columns, VR.US, 40);
        d.setInts(Tag.BitsAllocated, VR.US, 16);
        d.setInts(Tag.BitsStored, VR.US, 12);
        d.setInts(Tag.HighBit, VR.US, 11);
        d.setInts(Tag.PixelRepresentation, VR.US, 0);
        new DicomWriter().write(file, d, NativePixels.ofShorts(pixels));
    }
}
