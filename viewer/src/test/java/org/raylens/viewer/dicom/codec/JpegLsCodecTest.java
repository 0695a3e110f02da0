package org.raylens.viewer.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.TransferSyntax;

class JpegLsCodecTest {

    @TempDir
    Path tmp;

    private final JpegLsCodec codec = new JpegLsCodec();

    private static PixelDescription grey(int rows, int cols, int bits) {
        int alloc = bits > 8 ? 16 : 8;
        return new PixelDescription(rows, cols, 1, 1, alloc, bits, bits - 1, false, "MONOCHROME2", 0);
    }

    private static PixelDescription rgb(int rows, int cols) {
        return new PixelDescription(rows, cols, 1, 3, 8, 8, 7, false, "RGB", 0);
    }

    /** Compresses a synthetic image with dcmcjpls and returns the frame's JPEG-LS stream. */
    private byte[] compress(PixelDescription d, int[] samples, String... options) throws Exception {
        Path in = tmp.resolve("in.dcm");
        Path out = tmp.resolve("out.dcm");
        TestDicom.writeNative(in, d, TestDicom.nativeBytes(samples, d.bitsAllocated()));
        List<String> cmd = new ArrayList<>(List.of("dcmcjpls"));
        cmd.addAll(List.of(options));
        cmd.add(in.toString());
        cmd.add(out.toString());
        ExternalTools.run(cmd.toArray(String[]::new));
        return TestDicom.encapsulated(out).frame(0, 1);
    }

    @ParameterizedTest(name = "{0}-bit grey {1}×{2} lossless")
    @CsvSource({"8, 61, 97", "12, 64, 64", "16, 53, 71", "2, 17, 23", "7, 40, 33", "10, 1, 50", "16, 30, 1"})
    void losslessGreyRoundTripIsExact(int bits, int rows, int cols) throws Exception {
        assumeTrue(ExternalTools.available("dcmcjpls"), "dcmtk (dcmcjpls) is not installed");
        PixelDescription d = grey(rows, cols, bits);
        int[] samples = SyntheticImages.make(rows, cols, 1, bits, bits * 31L + rows);
        byte[] stream = compress(d, samples, "+el");
        assertArrayEquals(samples, codec.decode(stream, d, TransferSyntax.JPEG_LS_LOSSLESS));
    }

    @ParameterizedTest(name = "RGB interleave {0}")
    @ValueSource(strings = {"+in", "+il", "+is"})
    void losslessColourRoundTripIsExactInEveryInterleaveMode(String interleave) throws Exception {
        assumeTrue(ExternalTools.available("dcmcjpls"), "dcmtk (dcmcjpls) is not installed");
        PixelDescription d = rgb(45, 67);
        int[] samples = SyntheticImages.make(45, 67, 3, 8, 7);
        byte[] stream = compress(d, samples, "+el", interleave);
        assertArrayEquals(samples, codec.decode(stream, d, TransferSyntax.JPEG_LS_LOSSLESS));
    }

    @ParameterizedTest(name = "{0}-bit NEAR {1} {2}")
    @CsvSource({"8, 2, +in", "12, 3, +in", "16, 5, +in", "16, 1, +in", "8, 2, +il", "8, 4, +is"})
    void nearLosslessStaysWithinNear(int bits, int near, String interleave) throws Exception {
        assumeTrue(ExternalTools.available("dcmcjpls"), "dcmtk (dcmcjpls) is not installed");
        int spp = interleave.equals("+in") && bits > 8 ? 1 : (bits == 8 && !interleave.equals("+in") ? 3 : 1);
        PixelDescription d = spp == 3 ? rgb(50, 41) : grey(50, 41, bits);
        int[] samples = SyntheticImages.make(50, 41, spp, bits, near);
        byte[] stream = compress(d, samples, "+en", "+md", Integer.toString(near), interleave);
        int[] decoded = codec.decode(stream, d, TransferSyntax.JPEG_LS_NEAR_LOSSLESS);
        int worst = 0;
        for (int i = 0; i < samples.length; i++) {
            worst = Math.max(worst, Math.abs(samples[i] - decoded[i]));
        }
        assertTrue(worst <= near, "max error " + worst + " exceeds NEAR " + near);
        assertTrue(worst > 0 || near == 0, "near-lossless coding should lose something on noise");
    }

    @Test
    void customThresholdsFromLseSegmentAreHonoured() throws Exception {
        assumeTrue(ExternalTools.available("dcmcjpls"), "dcmtk (dcmcjpls) is not installed");
        PixelDescription d = grey(40, 40, 12);
        int[] samples = SyntheticImages.make(40, 40, 1, 12, 99);
        byte[] stream = compress(d, samples, "+el", "+t1", "5", "+t2", "20", "+t3", "70", "+rs", "32");
        assertTrue(containsMarker(stream, 0xF8), "dcmcjpls should write an LSE segment");
        assertArrayEquals(samples, codec.decode(stream, d, TransferSyntax.JPEG_LS_LOSSLESS));
    }

    private static boolean containsMarker(byte[] b, int marker) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == marker) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pydicom-data/JLSL_16_15_1_1F.dcm", "pydicom/MR_small_jpeg_ls_lossless.dcm"})
    void realLosslessFilesMatchManifestHash(String name) throws Exception {
        Map<String, Map<String, String>> manifest = SharedData.manifest();
        assumeTrue(manifest.containsKey(name), "../shared conformance data is not available");
        Map<String, String> row = manifest.get(name);
        PixelDescription d = SharedData.description(row);
        byte[] stream = TestDicom.encapsulated(SharedData.conformance().resolve(name)).frame(0, 1);
        int[] decoded = codec.decode(stream, d, row.get("transfer_syntax_uid"));
        assertEquals(row.get("pixel_sha256_le"),
                SharedData.sha256(SharedData.asManifestValues(decoded, d, row), d.bitsAllocated()));
    }

    @Test
    void streamThatDisagreesWithHeaderIsRejected() throws Exception {
        Map<String, Map<String, String>> manifest = SharedData.manifest();
        String name = "pydicom/MR_small_jpeg_ls_lossless.dcm";
        assumeTrue(manifest.containsKey(name), "../shared conformance data is not available");
        byte[] stream = TestDicom.encapsulated(SharedData.conformance().resolve(name)).frame(0, 1);
        PixelDescription wrong = new PixelDescription(65, 64, 1, 1, 16, 16, 15, true, "MONOCHROME2", 0);
        assertThrows(PixelDataException.class, () -> codec.decode(stream, wrong, TransferSyntax.JPEG_LS_LOSSLESS));
        byte[] truncated = java.util.Arrays.copyOf(stream, stream.length / 2);
        PixelDescription right = new PixelDescription(64, 64, 1, 1, 16, 16, 15, true, "MONOCHROME2", 0);
        assertThrows(PixelDataException.class, () -> codec.decode(truncated, right,
                TransferSyntax.JPEG_LS_LOSSLESS));
        assertThrows(PixelDataException.class, () -> codec.decode(new byte[] {1, 2, 3}, right,
                TransferSyntax.JPEG_LS_LOSSLESS));
    }
}
