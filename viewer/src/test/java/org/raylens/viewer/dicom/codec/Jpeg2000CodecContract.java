package org.raylens.viewer.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.TransferSyntax;

/**
 * The JPEG 2000 codec's contract, run once per decoder: {@link Jpeg2000JaiCodecTest} (pure Java) and
 * {@link Jpeg2000OpenJpegCodecTest} (the system's libopenjp2; skipped where it is absent).
 */
abstract class Jpeg2000CodecContract {

    @TempDir
    Path tmp;

    private Jpeg2000Codec codec;

    /** The codec under test, or null when its decoder is absent (the subclass then skips). */
    abstract Jpeg2000Codec codec();

    @org.junit.jupiter.api.BeforeEach
    void pickCodec() {
        codec = codec();
        assumeTrue(codec != null, "libopenjp2 is not installed: " + Jpeg2000Codec.openJpegStatus());
    }

    private Path compress(PixelDescription d, int[] samples, String... options) throws Exception {
        Path in = tmp.resolve("in.dcm");
        Path out = tmp.resolve("out-" + System.nanoTime() + ".dcm");
        TestDicom.writeNative(in, d, TestDicom.nativeBytes(samples, d.bitsAllocated()));
        List<String> cmd = new ArrayList<>(List.of("gdcmconv"));
        cmd.addAll(List.of(options));
        cmd.add(in.toString());
        cmd.add(out.toString());
        ExternalTools.run(cmd.toArray(String[]::new));
        return out;
    }

    /** Synthetic samples as stored values (signed data shifted into the signed range, then sign-extended). */
    private static int[] stored(PixelDescription d, long seed) {
        int[] s = SyntheticImages.make(d.rows(), d.columns(), d.samplesPerPixel(), d.bitsStored(), seed);
        if (d.signed()) {
            int half = 1 << (d.bitsStored() - 1);
            for (int i = 0; i < s.length; i++) {
                s[i] -= half;
            }
        }
        return s;
    }

    @ParameterizedTest(name = "{0} bits stored, signed {1}, {2} samples")
    @CsvSource({"8, false, 1", "12, false, 1", "16, false, 1", "16, true, 1", "12, true, 1", "8, false, 3"})
    void gdcmLosslessRoundTripIsExact(int bits, boolean signed, int spp) throws Exception {
        assumeTrue(ReferenceDecode.available(), "GDCM (gdcmconv) is not installed");
        PixelDescription d = new PixelDescription(47, 66, 1, spp, bits > 8 ? 16 : 8, bits, bits - 1, signed,
                spp == 3 ? "RGB" : "MONOCHROME2", 0);
        int[] samples = stored(d, bits * 7L + spp);
        Path file = compress(d, samples, "--j2k");
        int[] decoded = codec.decode(TestDicom.encapsulated(file).frame(0, 1), d, TransferSyntax.JPEG_2000_LOSSLESS);
        assertArrayEquals(samples, decoded);
    }

    @Test
    void gdcmIrreversibleMatchesGdcmDecode() throws Exception {
        assumeTrue(ReferenceDecode.available(), "GDCM (gdcmconv) is not installed");
        PixelDescription d = new PixelDescription(64, 80, 1, 1, 16, 12, 11, false, "MONOCHROME2", 0);
        Path file = compress(d, stored(d, 3), "--j2k", "--irreversible", "-q", "30");
        int[] decoded = codec.decode(TestDicom.encapsulated(file).frame(0, 1), d, TransferSyntax.JPEG_2000);
        ConformanceFilesTest.assertCloseEnough(decoded, ReferenceDecode.gdcm(file, d, tmp), d);
    }

    @Test
    void streamsThatDisagreeWithTheHeaderAreRejected() throws Exception {
        assumeTrue(ReferenceDecode.available(), "GDCM (gdcmconv) is not installed");
        PixelDescription d = new PixelDescription(20, 30, 1, 1, 16, 16, 15, false, "MONOCHROME2", 0);
        byte[] frame = TestDicom.encapsulated(compress(d, stored(d, 1), "--j2k")).frame(0, 1);
        PixelDescription other = new PixelDescription(30, 20, 1, 1, 16, 16, 15, false, "MONOCHROME2", 0);
        assertThrows(PixelDataException.class, () -> codec.decode(frame, other, TransferSyntax.JPEG_2000_LOSSLESS));
        assertThrows(PixelDataException.class, () -> codec.decode(java.util.Arrays.copyOf(frame, 30), d,
                TransferSyntax.JPEG_2000_LOSSLESS));
        assertThrows(PixelDataException.class, () -> codec.decode(new byte[] {0, 1}, d,
                TransferSyntax.JPEG_2000_LOSSLESS));
    }

    /** Inputs that made jj2000 loop forever before RayLens screened them; both must now be quick typed errors. */
    @Test
    void codestreamsThatWouldHangJj2000AreRejected() throws Exception {
        assumeTrue(ReferenceDecode.available(), "GDCM (gdcmconv) is not installed");
        PixelDescription d = new PixelDescription(20, 30, 1, 1, 16, 16, 15, false, "MONOCHROME2", 0);
        byte[] frame = TestDicom.encapsulated(compress(d, stored(d, 1), "--j2k")).frame(0, 1);
        int sod = 0;
        while (!((frame[sod] & 0xFF) == 0xFF && (frame[sod + 1] & 0xFF) == 0x93)) {
            sod++;
        }
        byte[] ffff = frame.clone();
        ffff[sod + 6] = (byte) 0xFF;
        ffff[sod + 7] = (byte) 0xFF;
        assertThrows(PixelDataException.class, () -> codec.decode(ffff, d, TransferSyntax.JPEG_2000_LOSSLESS));
        // Truncated packet data: decodes (JPEG 2000 degrades gracefully) or fails, but returns.
        byte[] cut = java.util.Arrays.copyOf(frame, sod + 8);
        try {
            codec.decode(cut, d, TransferSyntax.JPEG_2000_LOSSLESS);
        } catch (PixelDataException acceptable) {
            // a typed error is fine too
        }
    }
}
