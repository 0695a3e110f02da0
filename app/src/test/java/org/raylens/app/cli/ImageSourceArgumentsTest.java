package org.raylens.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.io.NpyReader;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.NativePixels;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;
import org.raylens.viewer.source.FileAddress;
import org.raylens.viewer.source.ImageSourceException;
import org.raylens.viewer.source.ImageSourceRegistry;
import org.raylens.viewer.source.SourceNames;
import org.raylens.viewer.source.UnsupportedSourceException;

/**
 * Commands take images as paths or as source URIs: {@code file:///…#frame=N} picks one frame of a multi-frame file,
 * an unknown scheme is a usage error naming the installed kinds (and nothing is fetched), and what the commands
 * write names the image by its URI.
 */
class ImageSourceArgumentsTest {

    @TempDir
    Path tmp;

    private final ImageSourceRegistry registry = ImageSourceRegistry.fromServiceLoader();

    @Test
    void aPathAndItsFileUriNameTheSameSource() throws Exception {
        Path file = tmp.resolve("a b.dcm");
        ImageArgument byPath = ImageArgument.parse(file.toString(), registry);
        ImageArgument byUri = ImageArgument.parse(file.toUri().toString(), registry);
        assertEquals(byPath.uri(), byUri.uri());
        assertEquals(file, byPath.wholeLocalFile().orElseThrow());
        ImageArgument frame = ImageArgument.parse(file.toUri() + "#frame=2", registry);
        assertEquals(new FileAddress(file, 2), FileAddress.parse(frame.uri()));
        assertTrue(frame.wholeLocalFile().isEmpty(), "a frame is not the whole file");
        assertEquals(file.toUri().toASCIIString() + "#frame=2", SourceNames.of(frame.uri()));
        assertEquals(Path.of("C:relative-looking").toAbsolutePath(),
                ImageArgument.parse("C:relative-looking", registry).wholeLocalFile().orElseThrow(),
                "one letter before a colon is a (Windows drive) path, not a scheme");
    }

    @Test
    void anUnknownSchemeIsATypedErrorNamingTheInstalledKinds() {
        UnsupportedSourceException e = assertThrows(UnsupportedSourceException.class,
                () -> ImageArgument.parse("http://example.org/x.dcm", registry));
        assertEquals(URI.create("http://example.org/x.dcm"), e.uri());
        assertTrue(e.getMessage().matches(".*installed kinds: .*\\bfile\\b.*"), e.getMessage());
        ImageSourceException badFrame = assertThrows(ImageSourceException.class,
                () -> ImageArgument.parse(tmp.resolve("x.dcm").toUri() + "#page=2", registry));
        assertTrue(badFrame.getMessage().contains("#frame=N"), badFrame.getMessage());
    }

    /** An http: image is refused before anything runs: usage exit code, the kinds named, no connection made. */
    @Test
    void explainRefusesAnHttpImageWithoutConnecting() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/x.dcm";
            StringWriter err = new StringWriter();
            int code = RayLensCli.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                    "explain", url, "--model", tmp.toString(), "--method", "attention", "--out",
                    tmp.resolve("m.npy").toString());
            assertEquals(CliExitCodes.USAGE, code, err.toString());
            assertTrue(err.toString().contains(url) && err.toString().matches("(?s).*installed kinds: [^\\n]*\\bfile\\b.*"),
                    err.toString());
            server.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, server::accept, "nothing connected to the server");
            for (String command : List.of("embed", "inspect", "index")) {
                StringWriter e2 = new StringWriter();
                assertEquals(CliExitCodes.USAGE, RayLensCli.execute(new PrintWriter(new StringWriter(), true),
                        new PrintWriter(e2, true), command, url), command + ": " + e2);
                assertTrue(e2.toString().matches("(?s).*installed kinds: [^\\n]*\\bfile\\b.*"), command + ": " + e2);
            }
            assertThrows(SocketTimeoutException.class, server::accept, "nothing connected to the server");
        }
    }

    @Test
    void inspectTakesAFileUri() throws Exception {
        Path mf = multiFrame(tmp.resolve("mf.dcm"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, RayLensCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), "inspect",
                mf.toUri() + "#frame=2"), err.toString());
        assertTrue(out.toString().contains("3"), out.toString());
    }

    /** {@code explain file:///mf.dcm#frame=2} maps frame 2: the map equals the map of that frame saved alone. */
    @Test
    void explainMapsTheFrameItsUriNames() throws Exception {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; explain-by-URI test skipped");
        Path mf = multiFrame(tmp.resolve("mf.dcm"));
        Path alone = singleFrame(tmp.resolve("frame2.dcm"), 2);
        float[] ofFrame2 = explain(g, mf.toUri() + "#frame=2", tmp.resolve("f2.npy"));
        float[] ofAlone = explain(g, alone.toString(), tmp.resolve("alone.npy"));
        float[] ofFirst = explain(g, mf.toUri().toString(), tmp.resolve("f1.npy"));
        assertArrayEquals(ofAlone, ofFrame2, "frame 2 of the file is the frame saved alone");
        assertFalse(Arrays.equals(ofFirst, ofFrame2), "and not the first frame");
        String provenance = Files.readString(tmp.resolve("f2.npy.provenance.txt"));
        assertTrue(provenance.startsWith("image: " + mf.toUri().toASCIIString() + "#frame=2"), provenance);
    }

    /** A batch of frames writes one map per frame, named after the file and the frame. */
    @Test
    void aBatchOfFramesNamesEachMapAfterItsFrame() throws Exception {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; explain-by-URI test skipped");
        Path mf = multiFrame(tmp.resolve("mf.dcm"));
        Path maps = tmp.resolve("maps");
        StringWriter err = new StringWriter();
        int code = RayLensCli.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "explain", mf.toUri() + "#frame=2", mf.toUri() + "#frame=3", mf.toUri() + "#frame=9", "--model",
                g.resolve("tiny/hf").toString(), "--no-sha256", "--threads", "1", "--method", "attention",
                "--format", "npy", "--out", maps.toString());
        assertEquals(CliExitCodes.COMPLETED_WITH_FAILURES, code, err.toString());
        assertArrayEquals(explain(g, mf.toUri() + "#frame=2", tmp.resolve("f2.npy")),
                NpyReader.read(maps.resolve("mf-frame-2.npy")).data());
        assertTrue(Files.isRegularFile(maps.resolve("mf-frame-3.npy")));
        List<String> failed = Files.readAllLines(tmp.resolve("maps.failures.csv"));
        assertEquals(BatchFailures.HEADER, failed.get(0));
        assertTrue(failed.get(1).startsWith(mf.toUri().toASCIIString() + "#frame=9,") && failed.get(1)
                .contains("no frame 9"), "the missing frame is listed by its URI: " + failed);
    }

    private float[] explain(Path golden, String image, Path out) throws IOException {
        StringWriter err = new StringWriter();
        int code = RayLensCli.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "explain", image, "--model", golden.resolve("tiny/hf").toString(), "--no-sha256", "--threads", "1",
                "--method", "attention", "--out", out.toString());
        assertEquals(0, code, err.toString());
        return NpyReader.read(out).data();
    }

    /** Frames of 56×56 with different patterns: frame f is a gradient along a direction that turns with f. */
    static Path multiFrame(Path file) throws Exception {
        int frames = 3;
        short[] values = new short[SIZE * SIZE * frames];
        for (int f = 1; f <= frames; f++) {
            System.arraycopy(frame(f), 0, values, (f - 1) * SIZE * SIZE, SIZE * SIZE);
        }
        new DicomWriter().write(file, header(frames, "2.25.88001"), NativePixels.ofShorts(values));
        return file;
    }

    private static Path singleFrame(Path file, int f) throws Exception {
        new DicomWriter().write(file, header(1, "2.25.88002"), NativePixels.ofShorts(frame(f)));
        return file;
    }

    private static final int SIZE = 56;

    private static short[] frame(int f) {
        short[] v = new short[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int value = switch (f) {
                    case 1 -> x * 50;
                    case 2 -> y * 50;
                    default -> ((x / 7 + y / 7) % 2) * 2000;
                };
                v[y * SIZE + x] = (short) (value + (x * y) % 37);
            }
        }
        return v;
    }

    private static DicomObject header(int frames, String instance) {
        DicomObject d = new DicomObject();
        d.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.1.1");
        d.setString(Tag.SOPInstanceUID, VR.UI, instance);
        d.setString(Tag.StudyInstanceUID, VR.UI, "2.25.88003");
        d.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.88004");
        d.setString(Tag.PatientID, VR.LO, "MF-2");
        d.setString(Tag.Modality, VR.CS, "DX");
        d.setInts(Tag.SamplesPerPixel, VR.US, 1);
        d.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        d.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        d.setInts(Tag.Rows, VR.US, SIZE);
        d.setInts(Tag.Columns, VR.US, SIZE);
        d.setInts(Tag.BitsAllocated, VR.US, 16);
        d.setInts(Tag.BitsStored, VR.US, 12);
        d.setInts(Tag.HighBit, VR.US, 11);
        d.setInts(Tag.PixelRepresentation, VR.US, 0);
        return d;
    }
}
