package org.raylens.viewer.dicom.pixel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.raylens.viewer.dicom.pixel.SyntheticDicom.attributes;
import static org.raylens.viewer.dicom.pixel.SyntheticDicom.be16;
import static org.raylens.viewer.dicom.pixel.SyntheticDicom.bytes;
import static org.raylens.viewer.dicom.pixel.SyntheticDicom.le16;
import static org.raylens.viewer.dicom.pixel.SyntheticDicom.nativeFile;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.TransferSyntax;
import org.raylens.viewer.dicom.UnsupportedTransferSyntaxException;
import org.raylens.viewer.dicom.VR;
import org.raylens.viewer.dicom.codec.PixelCodec;
import org.raylens.viewer.dicom.codec.PixelCodecRegistry;
import org.raylens.viewer.dicom.codec.PixelDescription;

class DicomPixelsTest {
    private static final String LE = TransferSyntax.EXPLICIT_VR_LE;
    private static final String BE = TransferSyntax.EXPLICIT_VR_BE;
    private static final PixelCodecRegistry NO_CODECS = PixelCodecRegistry.of(List.of());

    private static int[] frame0(DicomObject ds, byte[] pixels, String syntax) throws Exception {
        return DicomPixels.open(nativeFile(ds, pixels, syntax, 0, null), NO_CODECS).readFrame(0);
    }

    @Test
    void eightBitUnsignedIsReadAsIs() throws Exception {
        DicomObject ds = attributes(1, 4, 1, 8, 8, 7, false, "MONOCHROME2");
        assertArrayEquals(new int[] {0, 1, 128, 255}, frame0(ds, bytes(0, 1, 128, 255), LE));
    }

    @Test
    void eightBitSignedIsSignExtended() throws Exception {
        DicomObject ds = attributes(1, 3, 1, 8, 8, 7, true, "MONOCHROME2");
        assertArrayEquals(new int[] {127, -128, -1}, frame0(ds, bytes(127, 128, 255), LE));
    }

    @Test
    void sixteenBitLittleAndBigEndianGiveTheSameValues() throws Exception {
        DicomObject le = attributes(1, 3, 1, 16, 16, 15, false, "MONOCHROME2");
        DicomObject be = attributes(1, 3, 1, 16, 16, 15, false, "MONOCHROME2");
        int[] expected = {0x1234, 0xFFFF, 7};
        assertArrayEquals(expected, frame0(le, le16(0x1234, 0xFFFF, 7), LE));
        assertArrayEquals(expected, frame0(be, be16(0x1234, 0xFFFF, 7), BE));
    }

    @Test
    void garbageAboveBitsStoredIsMaskedAway() throws Exception {
        // 12 bits stored in 16: the top nibble holds overlay bits (0xA000, 0x5000) that are not pixel values.
        DicomObject ds = attributes(1, 3, 1, 16, 12, 11, false, "MONOCHROME2");
        assertArrayEquals(new int[] {0x0ABC, 0x0FFF, 0x0001}, frame0(ds, le16(0xAABC, 0x5FFF, 0x0001), LE));
    }

    @Test
    void signedTwelveBitWithGarbageIsMaskedThenSignExtended() throws Exception {
        DicomObject ds = attributes(1, 3, 1, 16, 12, 11, true, "MONOCHROME2");
        // 0xA800: garbage 0xA, stored 0x800 = −2048; 0x57FF: stored 0x7FF = 2047; 0x3FFF: stored −1.
        assertArrayEquals(new int[] {-2048, 2047, -1}, frame0(ds, le16(0xA800, 0x57FF, 0x3FFF), LE));
    }

    @Test
    void signedTwelveBitWrittenWithoutSignExtensionIsExtendedFromBitsStored() throws Exception {
        DicomObject ds = attributes(1, 2, 1, 16, 12, 11, true, "MONOCHROME2");
        assertArrayEquals(new int[] {-1000, 5}, frame0(ds, le16(0x0C18, 5), LE));
    }

    @Test
    void signedWholeWordValuesBeyondBitsStoredAreKeptAsPydicomDoes() throws Exception {
        // Clean two's-complement words (upper bits all 0 or all 1) that overrun 12 bits, as in mlut_18.
        DicomObject ds = attributes(1, 3, 1, 16, 12, 11, true, "MONOCHROME2");
        assertArrayEquals(new int[] {-2048, 4095, -5}, frame0(ds, le16(0xF800, 0x0FFF, 0xFFFB), LE));
    }

    @Test
    void highBitAboveBitsStoredMinusOneShiftsTheValues() throws Exception {
        // 12 bits stored at bits 4..15 (high bit 15): the low nibble is not part of the value.
        DicomObject ds = attributes(1, 2, 1, 16, 12, 15, false, "MONOCHROME2");
        assertArrayEquals(new int[] {0xABC, 0x001}, frame0(ds, le16(0xABCF, 0x0013), LE));
    }

    @Test
    void thirtyTwoBitSignedAndUnsigned() throws Exception {
        byte[] data = bytes(0x01, 0x00, 0x00, 0x80, 0xFF, 0xFF, 0xFF, 0xFF);
        DicomObject unsigned = attributes(1, 2, 1, 32, 32, 31, false, "MONOCHROME2");
        DicomObject signed = attributes(1, 2, 1, 32, 32, 31, true, "MONOCHROME2");
        // Unsigned values are held bit for bit: 0x80000001 and 0xFFFFFFFF.
        assertArrayEquals(new int[] {0x80000001, 0xFFFFFFFF}, frame0(unsigned, data, LE));
        assertArrayEquals(new int[] {0x80000001, -1}, frame0(signed, data, LE));
        byte[] bigEndian = bytes(0x80, 0x00, 0x00, 0x01, 0xFF, 0xFF, 0xFF, 0xFF);
        assertArrayEquals(new int[] {0x80000001, -1}, frame0(
                attributes(1, 2, 1, 32, 32, 31, true, "MONOCHROME2"), bigEndian, BE));
    }

    @Test
    void planarConfigurationOneIsInterleaved() throws Exception {
        DicomObject ds = attributes(1, 2, 3, 8, 8, 7, false, "RGB");
        ds.setInts(Tag.PlanarConfiguration, VR.US, 1);
        // R plane (10, 11), G plane (20, 21), B plane (30, 31).
        assertArrayEquals(new int[] {10, 20, 30, 11, 21, 31}, frame0(ds, bytes(10, 11, 20, 21, 30, 31), LE));
    }

    @Test
    void uncompressedYbrFull422IsExpandedToYCbCrPerPixel() throws Exception {
        DicomObject ds = attributes(1, 4, 3, 8, 8, 7, false, "YBR_FULL_422");
        // Y1 Y2 Cb Cr | Y3 Y4 Cb Cr
        int[] values = frame0(ds, bytes(100, 110, 50, 60, 200, 210, 70, 80), LE);
        assertArrayEquals(new int[] {100, 50, 60, 110, 50, 60, 200, 70, 80, 210, 70, 80}, values);
    }

    @Test
    void oneBitDataIsUnpackedLeastSignificantBitFirst() throws Exception {
        DicomObject ds = attributes(2, 6, 1, 1, 1, 0, false, "MONOCHROME2");
        ds.setString(Tag.NumberOfFrames, VR.IS, "2");
        // 12 bits per frame: frame 1 starts at bit 12, in the middle of byte 1.
        byte[] data = bytes(0b1000_0101, 0b0110_0001, 0b1111_1111);
        DicomPixels pixels = DicomPixels.open(nativeFile(ds, data, LE, 0, null), NO_CODECS);
        assertArrayEquals(new int[] {1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0}, pixels.readFrame(0));
        assertArrayEquals(new int[] {0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1}, pixels.readFrame(1));
    }

    @Test
    void eightBitOwInBigEndianIsSwappedInWords() throws Exception {
        DicomObject ds = attributes(1, 4, 1, 8, 8, 7, false, "MONOCHROME2");
        var file = nativeFile(ds, bytes(2, 1, 4, 3), BE, 0, null);
        // Re-declare the element as OW: the bytes are then 16-bit words, byte-swapped on disk.
        var element = ds.get(Tag.PixelData);
        ds.put(org.raylens.viewer.dicom.DicomElement.ofBulkData(Tag.PixelData, VR.OW, element.bulkData()));
        assertArrayEquals(new int[] {1, 2, 3, 4}, DicomPixels.open(file, NO_CODECS).readFrame(0));
    }

    @Test
    void aFrameReadReadsOnlyThatFramesBytes() throws Exception {
        DicomObject ds = attributes(2, 2, 1, 16, 16, 15, false, "MONOCHROME2");
        ds.setString(Tag.NumberOfFrames, VR.IS, "3");
        byte[] data = le16(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        SyntheticDicom.CountingSource[] source = new SyntheticDicom.CountingSource[1];
        DicomPixels pixels = DicomPixels.open(nativeFile(ds, data, LE, 100, source), NO_CODECS);
        source[0].reads.clear();
        assertArrayEquals(new int[] {9, 10, 11, 12}, pixels.readFrame(2));
        assertEquals(1, source[0].reads.size());
        assertArrayEquals(new long[] {100 + 16, 8}, source[0].reads.get(0));
    }

    @Test
    void tooFewBytesForTheDeclaredFramesIsATypedErrorBeforeAnyRead() {
        DicomObject ds = attributes(2, 2, 1, 16, 16, 15, false, "MONOCHROME2");
        ds.setString(Tag.NumberOfFrames, VR.IS, "4");
        PixelDataException e = assertThrows(PixelDataException.class,
                () -> DicomPixels.open(nativeFile(ds, le16(1, 2, 3, 4, 5, 6, 7), LE, 0, null), NO_CODECS));
        assertEquals(Tag.PixelData, e.tag());
        assertTrue(e.getMessage().contains("synthetic.dcm"), e.getMessage());
        assertTrue(e.getMessage().contains("need 32"), e.getMessage());
    }

    @Test
    void anOddPaddedLengthIsAccepted() throws Exception {
        DicomObject ds = attributes(1, 3, 1, 8, 8, 7, false, "MONOCHROME2");
        assertArrayEquals(new int[] {5, 6, 7}, frame0(ds, bytes(5, 6, 7, 0), LE));
    }

    @Test
    void hugeDimensionsAreRefusedWithoutAllocating() {
        DicomObject ds = attributes(65535, 65535, 3, 32, 32, 31, false, "RGB");
        ds.setString(Tag.NumberOfFrames, VR.IS, "2147483647");
        assertThrows(PixelDataException.class,
                () -> DicomPixels.open(nativeFile(ds, new byte[16], LE, 0, null), NO_CODECS));
        DicomObject frames = attributes(4096, 4096, 1, 16, 16, 15, false, "MONOCHROME2");
        frames.setString(Tag.NumberOfFrames, VR.IS, "2147483647");
        assertThrows(PixelDataException.class,
                () -> DicomPixels.open(nativeFile(frames, new byte[16], LE, 0, null), NO_CODECS));
    }

    @Test
    void encapsulatedDataWithoutACodecNamesTheSyntax() {
        DicomObject ds = attributes(2, 2, 1, 8, 8, 7, false, "MONOCHROME2");
        var file = SyntheticDicom.encapsulatedFile(ds, TransferSyntax.JPEG_LS_LOSSLESS, new long[0], bytes(1, 2));
        UnsupportedTransferSyntaxException e = assertThrows(UnsupportedTransferSyntaxException.class,
                () -> DicomPixels.open(file, NO_CODECS));
        assertEquals(TransferSyntax.JPEG_LS_LOSSLESS, e.transferSyntaxUid());
        assertTrue(e.getMessage().contains("JPEG-LS Lossless"), e.getMessage());
    }

    /** A codec that "decodes" a frame as its bytes, to test the fragment-to-frame plumbing. */
    private static final PixelCodec BYTES_CODEC = new PixelCodec() {
        @Override
        public Set<String> transferSyntaxes() {
            return Set.of(TransferSyntax.RLE_LOSSLESS);
        }

        @Override
        public int[] decode(byte[] encoded, PixelDescription d, String uid) throws PixelDataException {
            if (encoded.length != d.samplesPerFrame()) {
                throw new PixelDataException("bad length " + encoded.length, null, Tag.PixelData, -1);
            }
            int[] out = new int[encoded.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = encoded[i] & 0xFF;
            }
            return out;
        }
    };

    @Test
    void framesAreAssembledFromFragmentsByTheBasicOffsetTable() throws Exception {
        DicomObject ds = attributes(1, 4, 1, 8, 8, 7, false, "MONOCHROME2");
        ds.setString(Tag.NumberOfFrames, VR.IS, "2");
        // Frame 0 spans two fragments (8 + 2 and 8 + 2 bytes of items), frame 1 is the third: offsets 0 and 20.
        var file = SyntheticDicom.encapsulatedFile(ds, TransferSyntax.RLE_LOSSLESS, new long[] {0, 20},
                bytes(1, 2), bytes(3, 4), bytes(5, 6, 7, 8));
        DicomPixels pixels = DicomPixels.open(file, PixelCodecRegistry.of(List.of(BYTES_CODEC)));
        assertArrayEquals(new int[] {1, 2, 3, 4}, pixels.readFrame(0));
        assertArrayEquals(new int[] {5, 6, 7, 8}, pixels.readFrame(1));
    }

    @Test
    void withoutAnOffsetTableEachFragmentIsAFrameWhenTheCountsMatch() throws Exception {
        DicomObject ds = attributes(1, 2, 1, 8, 8, 7, false, "MONOCHROME2");
        ds.setString(Tag.NumberOfFrames, VR.IS, "2");
        var file = SyntheticDicom.encapsulatedFile(ds, TransferSyntax.RLE_LOSSLESS, new long[0], bytes(1, 2),
                bytes(3, 4));
        DicomPixels pixels = DicomPixels.open(file, PixelCodecRegistry.of(List.of(BYTES_CODEC)));
        assertArrayEquals(new int[] {3, 4}, pixels.readFrame(1));
    }

    @Test
    void aCodecFailureStaysTyped() throws Exception {
        DicomObject ds = attributes(1, 4, 1, 8, 8, 7, false, "MONOCHROME2");
        var file = SyntheticDicom.encapsulatedFile(ds, TransferSyntax.RLE_LOSSLESS, new long[0], bytes(1, 2));
        DicomPixels pixels = DicomPixels.open(file, PixelCodecRegistry.of(List.of(BYTES_CODEC)));
        assertThrows(PixelDataException.class, () -> pixels.readFrame(0));
    }
}
