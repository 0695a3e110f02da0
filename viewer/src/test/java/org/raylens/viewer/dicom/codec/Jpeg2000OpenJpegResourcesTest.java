package org.raylens.viewer.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.TransferSyntax;

/**
 * The OpenJPEG path releases every native object on success and on failure: thousands of decodes, good and bad,
 * must leave the process's resident memory where it was. A leaked decoded image alone (256 KB here) would add
 * ~375 MB over the run; the bound allows for the JVM's own heap settling.
 */
class Jpeg2000OpenJpegResourcesTest {

    private static final int ROUNDS = 500;

    @TempDir
    Path tmp;

    @Test
    void repeatedDecodesAndFailuresKeepResidentMemoryStable() throws Exception {
        assumeTrue(ReferenceDecode.available(), "GDCM (gdcmconv) is not installed");
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "resident memory is read from /proc (Linux)");
        Jpeg2000Codec codec = Jpeg2000Codec.withOpenJpeg().orElse(null);
        assumeTrue(codec != null, "libopenjp2 is not installed: " + Jpeg2000Codec.openJpegStatus());
        PixelDescription d = new PixelDescription(256, 256, 1, 1, 16, 16, 15, false, "MONOCHROME2", 0);
        int[] samples = SyntheticImages.make(256, 256, 1, 16, 11);
        Path in = tmp.resolve("in.dcm");
        Path out = tmp.resolve("out.dcm");
        TestDicom.writeNative(in, d, TestDicom.nativeBytes(samples, 16));
        ExternalTools.run("gdcmconv", "--j2k", in.toString(), out.toString());
        byte[] frame = TestDicom.encapsulated(out).frame(0, 1);
        byte[] damaged = frame.clone();
        int sod = 0;
        while (!((damaged[sod] & 0xFF) == 0xFF && (damaged[sod + 1] & 0xFF) == 0x93)) {
            sod++;
        }
        Arrays.fill(damaged, sod + 2, damaged.length, (byte) 0x7F); // header fine, packet data garbage
        byte[] truncated = Arrays.copyOf(frame, sod + 40);

        Runnable round = () -> {
            try {
                assertArrayEquals(samples, codec.decode(frame, d, TransferSyntax.JPEG_2000_LOSSLESS));
            } catch (PixelDataException e) {
                throw new AssertionError(e);
            }
            decodeOrTypedError(codec, damaged, d);
            decodeOrTypedError(codec, truncated, d);
        };
        for (int i = 0; i < ROUNDS / 4; i++) {
            round.run();
        }
        System.gc();
        long before = residentKb();
        for (int i = 0; i < ROUNDS; i++) {
            round.run();
        }
        System.gc();
        long growth = residentKb() - before;
        System.out.printf("OpenJPEG: %d decodes (a third failing), resident memory grew %d KB%n", 3 * ROUNDS, growth);
        assertTrue(growth < 64 * 1024, "resident memory grew " + growth + " KB over " + 3 * ROUNDS + " decodes");
    }

    private static void decodeOrTypedError(Jpeg2000Codec codec, byte[] frame, PixelDescription d) {
        try {
            codec.decode(frame, d, TransferSyntax.JPEG_2000_LOSSLESS);
        } catch (PixelDataException expected) {
            assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
        }
    }

    @Test
    void openJpegsOwnErrorsBecomeTypedErrorsWithItsMessage() throws Exception {
        assumeTrue(ReferenceDecode.available(), "GDCM (gdcmconv) is not installed");
        Jpeg2000Codec codec = Jpeg2000Codec.withOpenJpeg().orElse(null);
        assumeTrue(codec != null, "libopenjp2 is not installed: " + Jpeg2000Codec.openJpegStatus());
        PixelDescription d = new PixelDescription(32, 48, 1, 1, 16, 12, 11, false, "MONOCHROME2", 0);
        Path in = tmp.resolve("small.dcm");
        Path out = tmp.resolve("small-j2k.dcm");
        TestDicom.writeNative(in, d, TestDicom.nativeBytes(SyntheticImages.make(32, 48, 1, 12, 3), 16));
        ExternalTools.run("gdcmconv", "--j2k", in.toString(), out.toString());
        byte[] frame = TestDicom.encapsulated(out).frame(0, 1);
        int sod = 0;
        while (!((frame[sod] & 0xFF) == 0xFF && (frame[sod + 1] & 0xFF) == 0x93)) {
            sod++;
        }
        byte[] noData = Arrays.copyOf(frame, sod + 2); // SOD and nothing after: OpenJPEG reports it
        PixelDataException e = assertThrows(PixelDataException.class,
                () -> codec.decode(noData, d, TransferSyntax.JPEG_2000_LOSSLESS));
        assertTrue(e.getMessage().contains("OpenJPEG"), e.getMessage());
    }

    private static long residentKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
