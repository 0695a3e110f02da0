package org.raylens.viewer.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class JpegCodecTest {

    @TempDir
    Path tmp;

    private final JpegCodec codec = new JpegCodec();

    private record Compressed(byte[] frame, Path file) {
    }

    private Compressed compress(PixelDescription d, int[] samples, String... options) throws Exception {
        Path in = tmp.resolve("in.dcm");
        Path out = tmp.resolve("out-" + System.nanoTime() + ".dcm");
        TestDicom.writeNative(in, d, TestDicom.nativeBytes(samples, d.bitsAllocated()));
        List<String> cmd = new ArrayList<>(List.of("dcmcjpeg"));
        cmd.addAll(List.of(options));
        cmd.add(in.toString());
        cmd.add(out.toString());
        ExternalTools.run(cmd.toArray(String[]::new));
        return new Compressed(TestDicom.encapsulated(out).frame(0, 1), out);
    }

    /** dcmdjpeg's decode of a compressed file, with the given colour option. */
    private int[] dcmtkDecode(Path file, PixelDescription d, String colourOption) throws Exception {
        Path out = tmp.resolve("dec-" + System.nanoTime() + ".dcm");
        ExternalTools.run("dcmdjpeg", colourOption, file.toString(), out.toString());
        return ReferenceDecode.values(TestDicom.nativePixelData(out), d);
    }

    private static PixelDescription grey(int bits) {
        return new PixelDescription(43, 58, 1, 1, bits > 8 ? 16 : 8, bits, bits - 1, false, "MONOCHROME2", 0);
    }

    @ParameterizedTest(name = "{0}-bit lossless {1} {2}")
    @CsvSource({"8, +e1, ''", "12, +e1, ''", "16, +e1, ''", "16, +el, +sv=1", "16, +el, +sv=4", "12, +el, +sv=6",
        "8, +el, +sv=7", "16, +el, +sv=7"})
    void losslessRoundTripIsExact(int bits, String process, String selection) throws Exception {
        assumeTrue(ExternalTools.available("dcmcjpeg"), "dcmtk (dcmcjpeg) is not installed");
        PixelDescription d = grey(bits);
        int[] samples = SyntheticImages.make(d.rows(), d.columns(), 1, bits, bits);
        List<String> opts = new ArrayList<>(List.of(process));
        if (!selection.isEmpty()) {
            String[] sv = selection.split("=");
            opts.add(sv[0]);
            opts.add(sv[1]);
        }
        byte[] frame = compress(d, samples, opts.toArray(String[]::new)).frame();
        String syntax = process.equals("+e1") ? TransferSyntax.JPEG_LOSSLESS_SV1 : TransferSyntax.JPEG_LOSSLESS;
        assertArrayEquals(samples, codec.decode(frame, d, syntax));
    }

    @Test
    void losslessColourRoundTripIsExact() throws Exception {
        assumeTrue(ExternalTools.available("dcmcjpeg"), "dcmtk (dcmcjpeg) is not installed");
        PixelDescription d = new PixelDescription(31, 40, 1, 3, 8, 8, 7, false, "RGB", 0);
        int[] samples = SyntheticImages.make(31, 40, 3, 8, 3);
        byte[] frame = compress(d, samples, "+e1").frame();
        assertEquals("RGB", JpegCodec.decodedPhotometric(frame, "RGB"));
        assertArrayEquals(samples, codec.decode(frame, d, TransferSyntax.JPEG_LOSSLESS_SV1));
    }

    @ParameterizedTest(name = "{0}-bit {1}")
    @CsvSource({"8, +eb", "8, +ee", "12, +ee"})
    void lossyGreyMatchesDcmtk(int bits, String process) throws Exception {
        assumeTrue(ExternalTools.available("dcmcjpeg"), "dcmtk (dcmcjpeg) is not installed");
        PixelDescription d = grey(bits);
        int[] samples = SyntheticImages.make(d.rows(), d.columns(), 1, bits, 17);
        Compressed c = compress(d, samples, process);
        String syntax = process.equals("+eb") ? TransferSyntax.JPEG_BASELINE : TransferSyntax.JPEG_EXTENDED;
        int[] ours = codec.decode(c.frame(), d, syntax);
        int[] reference = dcmtkDecode(c.file(), d, "+cn");
        ConformanceFilesTest.assertCloseEnough(ours, reference, d);
    }

    @Test
    void colourBaselineComesOutAsYbrAndConvertsLikeLibjpeg() throws Exception {
        assumeTrue(ExternalTools.available("dcmcjpeg"), "dcmtk (dcmcjpeg) is not installed");
        PixelDescription rgb = new PixelDescription(36, 50, 1, 3, 8, 8, 7, false, "RGB", 0);
        int[] samples = SyntheticImages.make(36, 50, 3, 8, 5);
        Compressed c = compress(rgb, samples, "+eb");
        PixelDescription ybr = new PixelDescription(36, 50, 1, 3, 8, 8, 7, false, "YBR_FULL_422", 0);
        assertEquals("YBR_FULL_422", JpegCodec.decodedPhotometric(c.frame(), "YBR_FULL_422"));
        int[] ours = codec.decode(c.frame(), ybr, TransferSyntax.JPEG_BASELINE);
        ConformanceFilesTest.assertCloseEnough(ours, dcmtkDecode(c.file(), ybr, "+cn"), ybr);
        YbrToRgb.convert(ours);
        ConformanceFilesTest.assertCloseEnough(ours, dcmtkDecode(c.file(), rgb, "+ca"), rgb);
    }

    @Test
    void frameThatDisagreesWithTheHeaderIsRejectedBeforeDecoding() throws Exception {
        assumeTrue(ExternalTools.available("dcmcjpeg"), "dcmtk (dcmcjpeg) is not installed");
        PixelDescription d = grey(8);
        byte[] frame = compress(d, SyntheticImages.make(d.rows(), d.columns(), 1, 8, 1), "+eb").frame();
        PixelDescription bigger = new PixelDescription(4300, 5800, 1, 1, 8, 8, 7, false, "MONOCHROME2", 0);
        assertThrows(PixelDataException.class, () -> codec.decode(frame, bigger, TransferSyntax.JPEG_BASELINE));
        assertThrows(PixelDataException.class, () -> codec.decode(new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 0}, d,
                TransferSyntax.JPEG_BASELINE));
        byte[] cut = java.util.Arrays.copyOf(frame, frame.length / 3);
        assertThrows(PixelDataException.class, () -> codec.decode(cut, d, TransferSyntax.JPEG_BASELINE));
    }

    @Test
    void colourTransformRulesFollowLibjpeg() throws Exception {
        // SOI, SOF0 with three components, SOS: only the markers matter to the rule
        assertEquals("YBR_FULL", JpegCodec.decodedPhotometric(stream(false, -1, 1, 2, 3), "YBR_FULL"));
        assertEquals("RGB", JpegCodec.decodedPhotometric(stream(false, -1, 'R', 'G', 'B'), "YBR_FULL_422"));
        assertEquals("RGB", JpegCodec.decodedPhotometric(stream(false, 0, 1, 2, 3), "YBR_FULL_422"));
        assertEquals("YBR_FULL", JpegCodec.decodedPhotometric(stream(false, 1, 'R', 'G', 'B'), "YBR_FULL"));
        assertEquals("YBR_FULL", JpegCodec.decodedPhotometric(stream(true, 0, 'R', 'G', 'B'), "YBR_FULL"));
        assertEquals("RGB", JpegCodec.decodedPhotometric(stream(true, -1, 1, 2, 3), "RGB"));
    }

    private static byte[] stream(boolean jfif, int adobe, int... ids) {
        java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
        o.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8});
        if (jfif) {
            o.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0,
                0});
        }
        if (adobe >= 0) {
            o.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0,
                (byte) adobe});
        }
        o.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xC0, 0, 17, 8, 0, 8, 0, 8, 3});
        for (int id : ids) {
            o.writeBytes(new byte[] {(byte) id, 0x11, 0});
        }
        o.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xDA, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0});
        return o.toByteArray();
    }
}
