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

    /** Splits a JPEG-LS stream into its header (through the SOS segment) and its entropy-coded scan data. */
    private static byte[][] headerAndScan(byte[] s) {
        int p = 2;
        while (!((s[p] & 0xFF) == 0xFF && (s[p + 1] & 0xFF) == 0xDA)) {
            p += 2 + (((s[p + 2] & 0xFF) << 8) | (s[p + 3] & 0xFF));
        }
        int dataStart = p + 2 + (((s[p + 2] & 0xFF) << 8) | (s[p + 3] & 0xFF));
        int q = dataStart;
        while (!((s[q] & 0xFF) == 0xFF && (s[q + 1] & 0xFF) >= 0x80)) {
            q++;
        }
        return new byte[][] {java.util.Arrays.copyOf(s, dataStart), java.util.Arrays.copyOfRange(s, dataStart, q),
            java.util.Arrays.copyOfRange(s, p, dataStart)};
    }

    /**
     * dcmtk cannot write restart markers, but a JPEG-LS restart interval is coded exactly like a separate image
     * (contexts reset, the line above taken as zeros), so compressing each band of rows on its own and splicing the
     * scans with RSTm markers under one header with a DRI segment builds a valid stream with restarts.
     */
    @ParameterizedTest(name = "restart interval {0} rows, {1}")
    @CsvSource({"8, +in", "5, +il", "7, +is"})
    void restartIntervalsDecodeExactly(int interval, String interleave) throws Exception {
        assumeTrue(ExternalTools.available("dcmcjpls"), "dcmtk (dcmcjpls) is not installed");
        boolean colour = !interleave.equals("+in");
        int rows = 3 * interval + 2;
        int cols = 37;
        int spp = colour ? 3 : 1;
        int bits = colour ? 8 : 16;
        int[] samples = SyntheticImages.make(rows, cols, spp, bits, interval);
        java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
        int bands = (rows + interval - 1) / interval;
        for (int band = 0; band < bands; band++) {
            int first = band * interval;
            int count = Math.min(interval, rows - first);
            int[] part = java.util.Arrays.copyOfRange(samples, first * cols * spp, (first + count) * cols * spp);
            PixelDescription pd = colour ? rgb(count, cols) : grey(count, cols, bits);
            byte[][] pieces = headerAndScan(compress(pd, part, "+el", interleave));
            if (band == 0) {
                byte[] header = pieces[0];
                int sos = header.length - pieces[2].length;
                // patch the frame height to the whole image: SOF55 is the first segment after SOI in dcmtk output
                int sof = 2;
                while (!((header[sof] & 0xFF) == 0xFF && (header[sof + 1] & 0xFF) == 0xF7)) {
                    sof++;
                }
                header[sof + 5] = (byte) (rows >> 8);
                header[sof + 6] = (byte) rows;
                stream.write(header, 0, sos);
                stream.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDD, 0, 4, (byte) (interval >> 8),
                    (byte) interval});
                stream.writeBytes(pieces[2]);
            } else {
                stream.writeBytes(new byte[] {(byte) 0xFF, (byte) (0xD0 + (band - 1) % 8)});
            }
            stream.writeBytes(pieces[1]);
        }
        stream.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        PixelDescription d = colour ? rgb(rows, cols) : grey(rows, cols, bits);
        assertArrayEquals(samples, codec.decode(stream.toByteArray(), d, TransferSyntax.JPEG_LS_LOSSLESS));
        byte[] wrongMarker = stream.toByteArray();
        for (int i = 0; i + 1 < wrongMarker.length; i++) {
            if ((wrongMarker[i] & 0xFF) == 0xFF && (wrongMarker[i + 1] & 0xFF) == 0xD0) {
                wrongMarker[i + 1] = (byte) 0xD3;
                break;
            }
        }
        assertThrows(PixelDataException.class, () -> codec.decode(wrongMarker, d,
                TransferSyntax.JPEG_LS_LOSSLESS));
    }

    @Test
    void corruptMarkerSegmentsRaiseTypedErrors() throws Exception {
        assumeTrue(ExternalTools.available("dcmcjpls"), "dcmtk (dcmcjpls) is not installed");
        PixelDescription d = grey(20, 20, 12);
        byte[] good = compress(d, SyntheticImages.make(20, 20, 1, 12, 4), "+el", "+t1", "4", "+t2", "9", "+t3",
                "30");
        assertArrayEquals(SyntheticImages.make(20, 20, 1, 12, 4), codec.decode(good, d,
                TransferSyntax.JPEG_LS_LOSSLESS));
        for (int marker : new int[] {0xF7, 0xF8, 0xDA}) {
            int at = indexOfMarker(good, marker);
            for (int offset : new int[] {2, 3, 4, 5, 6, 7, 8, 9}) {
                for (int value : new int[] {0, 0xFF, 0x80, 1}) {
                    byte[] bad = good.clone();
                    bad[at + offset] = (byte) value;
                    decodeOrTypedError(bad, d);
                }
            }
        }
        byte[] badT = good.clone();
        int lse = indexOfMarker(good, 0xF8);
        badT[lse + 7] = (byte) 0xFF; // T1 high byte → T1 > T2: invalid thresholds
        assertThrows(PixelDataException.class, () -> codec.decode(badT, d, TransferSyntax.JPEG_LS_LOSSLESS));
    }

    private void decodeOrTypedError(byte[] stream, PixelDescription d) {
        try {
            codec.decode(stream, d, TransferSyntax.JPEG_LS_LOSSLESS);
        } catch (PixelDataException expected) {
            // a typed error is the right outcome for a corrupt header
        }
    }

    private static int indexOfMarker(byte[] b, int marker) {
        for (int i = 0; i + 1 < b.length; i++) {
            if ((b[i] & 0xFF) == 0xFF && (b[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        throw new AssertionError("marker not found");
    }
}
