package org.raylens.viewer.dicom.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.TransferSyntax;

class RleCodecTest {

    private static final String RLE = TransferSyntax.RLE_LOSSLESS;
    private final RleCodec codec = new RleCodec();

    @TempDir
    Path tmp;

    /** Builds an RLE frame from already PackBits-coded segments. */
    private static byte[] frame(byte[]... segments) {
        ByteBuffer header = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(segments.length);
        int offset = 64;
        for (byte[] s : segments) {
            header.putInt(offset);
            offset += s.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        for (byte[] s : segments) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    private static PixelDescription grey(int rows, int cols, int bits, boolean signed) {
        return new PixelDescription(rows, cols, 1, 1, bits, bits, bits - 1, signed, "MONOCHROME2", 0);
    }

    @Test
    void literalAndReplicateRunsDecode8Bit() throws Exception {
        // 2×3: literal of 2 (10, 20), replicate 3× 7, literal 1 (255); a -128 no-op in between
        byte[] seg = bytes(1, 10, 20, -128, -2, 7, 0, 255);
        assertArrayEquals(new int[] {10, 20, 7, 7, 7, 255}, codec.decode(frame(seg), grey(2, 3, 8, false), RLE));
    }

    @Test
    void sixteenBitSegmentsAreMostSignificantByteFirst() throws Exception {
        byte[] high = bytes(-2, 0x12, 0, 0xFF);           // 0x12,0x12,0x12,0xFF
        byte[] low = bytes(3, 0x34, 0x56, 0x78, 0x9A);    // 0x34,0x56,0x78,0x9A
        int[] expected = {0x1234, 0x1256, 0x1278, 0xFF9A};
        assertArrayEquals(expected, codec.decode(frame(high, low), grey(2, 2, 16, false), RLE));
        int[] signed = {0x1234, 0x1256, 0x1278, (short) 0xFF9A};
        assertArrayEquals(signed, codec.decode(frame(high, low), grey(2, 2, 16, true), RLE));
    }

    @Test
    void thirtyTwoBitUsesFourSegments() throws Exception {
        byte[] b3 = bytes(-1, 0x80);
        byte[] b2 = bytes(-1, 0x01);
        byte[] b1 = bytes(-1, 0x02);
        byte[] b0 = bytes(1, 0x03, 0x04);
        int[] out = codec.decode(frame(b3, b2, b1, b0), grey(1, 2, 32, true), RLE);
        assertArrayEquals(new int[] {0x80010203, 0x80010204}, out);
    }

    @Test
    void colourPlanesAreInterleaved() throws Exception {
        PixelDescription rgb = new PixelDescription(1, 2, 1, 3, 8, 8, 7, false, "RGB", 1);
        byte[] r = bytes(1, 1, 2);
        byte[] g = bytes(-1, 5);
        byte[] b = bytes(1, 8, 9);
        assertArrayEquals(new int[] {1, 5, 8, 2, 5, 9}, codec.decode(frame(r, g, b), rgb, RLE));
    }

    @Test
    void segmentPaddedToEvenLengthIsAccepted() throws Exception {
        byte[] seg = bytes(2, 1, 2, 3, 0, 0); // 3 samples, then a padding literal
        assertArrayEquals(new int[] {1, 2, 3}, codec.decode(frame(seg), grey(1, 3, 8, false), RLE));
    }

    @Test
    void malformedFramesRaiseTypedErrors() {
        PixelDescription d = grey(2, 2, 8, false);
        byte[] good = frame(bytes(-3, 9));
        assertThrows(PixelDataException.class, () -> codec.decode(new byte[10], d, RLE), "short header");
        assertThrows(PixelDataException.class, () -> codec.decode(frame(bytes(-3, 9), bytes(-3, 9)), d, RLE),
                "segment count");
        byte[] badFirst = good.clone();
        badFirst[4] = 60;
        assertThrows(PixelDataException.class, () -> codec.decode(badFirst, d, RLE), "first offset");
        ByteBuffer two = ByteBuffer.wrap(frame(bytes(-1, 1), bytes(-1, 2))).order(ByteOrder.LITTLE_ENDIAN);
        two.putInt(8, 1 << 30);
        assertThrows(PixelDataException.class, () -> codec.decode(two.array(), grey(1, 2, 16, false), RLE),
                "offset past end");
        assertThrows(PixelDataException.class, () -> codec.decode(frame(bytes(-2, 9)), d, RLE), "too few bytes");
        assertThrows(PixelDataException.class, () -> codec.decode(frame(bytes(5, 1, 2)), d, RLE),
                "literal past end");
        assertThrows(PixelDataException.class, () -> codec.decode(frame(bytes(-3)), d, RLE), "no byte to repeat");
        assertThrows(PixelDataException.class, () -> codec.decode(good, grey(2, 2, 12, false), RLE),
                "12-bit allocation");
    }

    @ParameterizedTest(name = "{0}-bit stored in {1}, {2} samples, planar {3}")
    @CsvSource({"8, 8, 1, 0", "12, 16, 1, 0", "16, 16, 1, 0", "8, 8, 3, 0", "8, 8, 3, 1", "16, 16, 3, 0"})
    void dcmcrleRoundTripIsExact(int bits, int alloc, int spp, int planar) throws Exception {
        assumeTrue(ExternalTools.available("dcmcrle"), "dcmtk (dcmcrle) is not installed");
        int rows = 37;
        int cols = 129; // longer than one 128-byte literal run
        PixelDescription d = new PixelDescription(rows, cols, 1, spp, alloc, bits, bits - 1, false,
                spp == 3 ? "RGB" : "MONOCHROME2", planar);
        int[] samples = SyntheticImages.make(rows, cols, spp, bits, bits + spp + planar);
        int[] nativeOrder = planar == 1 ? toPlanar(samples, rows * cols, spp) : samples;
        Path in = tmp.resolve("in.dcm");
        Path out = tmp.resolve("out.dcm");
        TestDicom.writeNative(in, d, TestDicom.nativeBytes(nativeOrder, alloc));
        ExternalTools.run("dcmcrle", in.toString(), out.toString());
        byte[] encoded = TestDicom.encapsulated(out).frame(0, 1);
        assertArrayEquals(samples, codec.decode(encoded, d, RLE));
    }

    private static int[] toPlanar(int[] interleaved, int pixels, int spp) {
        int[] p = new int[interleaved.length];
        for (int i = 0; i < pixels; i++) {
            for (int c = 0; c < spp; c++) {
                p[c * pixels + i] = interleaved[i * spp + c];
            }
        }
        return p;
    }
}
