package org.raylens.viewer.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write → {@link DicomReader#read} must give back exactly what was written: every element with the same tag, VR and
 * value bytes (after the writer's even-length padding), sequences item by item at every depth, the meta group the
 * writer promises, and pixel data byte for byte.
 */
class DicomWriterRoundTripTest {

    @Test
    void everyElementSequenceAndPixelComesBackExactly(@TempDir Path dir) throws Exception {
        DicomObject written = DcmdumpAcceptanceTest.richDataset();
        written.setBytes(0x00091002, VR.UN, new byte[] {9, 8, 7, 6, 5});
        written.setInts(0x00091003, VR.SL, -5, 70000);
        written.setBytes(0x00091004, VR.FD, java.nio.ByteBuffer.allocate(8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(Math.PI).array());
        short[] pixels = new short[20];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (short) (i * 3001 - 7000);
        }
        Path file = dir.resolve("rt.dcm");
        new DicomWriter().write(file, written, NativePixels.ofShorts(pixels));

        try (DicomFile read = DicomReader.read(file)) {
            assertEquals(TransferSyntax.EXPLICIT_VR_LE, read.transferSyntax().uid());
            assertSameElements(DicomWriter.fileMetaFor(written), read.fileMeta(), "meta");
            // The writer added (0008,0005) because the patient name is not ASCII; everything else is the caller's.
            DicomObject expected = copyWithout(written, Tag.PixelData);
            assertEquals("ISO_IR 192", read.dataset().getString(Tag.SpecificCharacterSet));
            assertEquals("Müller^Jürgen", read.dataset().getString(Tag.PatientName));
            assertSameElements(expected, copyWithout(read.dataset(), Tag.PixelData), "dataset");

            DicomElement px = read.dataset().get(Tag.PixelData);
            assertNotNull(px, "pixel data element");
            assertEquals(VR.OW, px.vr());
            byte[] bytes = pixelBytes(read, px);
            assertEquals(40, bytes.length);
            for (int i = 0; i < pixels.length; i++) {
                assertEquals(pixels[i], (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8)), "sample " + i);
            }
        }
    }

    @Test
    void eightBitOddPixelDataRoundTripsWithItsPadByte(@TempDir Path dir) throws Exception {
        DicomObject d = DicomWriterTest.image(1, 5, 8, 8);
        Path file = dir.resolve("8.dcm");
        new DicomWriter().write(file, d, NativePixels.ofBytes(new byte[] {1, 2, 3, 4, (byte) 255}));
        try (DicomFile read = DicomReader.read(file)) {
            DicomElement px = read.dataset().get(Tag.PixelData);
            assertEquals(VR.OB, px.vr());
            assertArrayEquals(new byte[] {1, 2, 3, 4, (byte) 255, 0}, pixelBytes(read, px));
            assertSameElements(copyWithout(d, Tag.PixelData), copyWithout(read.dataset(), Tag.PixelData), "dataset");
        }
    }

    @Test
    void aReadDatasetWrittenAgainIsByteIdentical(@TempDir Path dir) throws Exception {
        DicomObject d = DcmdumpAcceptanceTest.richDataset();
        short[] pixels = new short[20];
        Arrays.fill(pixels, (short) 1234);
        Path first = dir.resolve("1.dcm");
        new DicomWriter().write(first, d, NativePixels.ofShorts(pixels));
        try (DicomFile read = DicomReader.read(first)) {
            DicomObject again = copyWithout(read.dataset(), Tag.PixelData);
            byte[] rewritten = new DicomWriter().toBytes(again, NativePixels.ofShorts(pixels));
            assertArrayEquals(java.nio.file.Files.readAllBytes(first), rewritten);
        }
    }

    static byte[] pixelBytes(DicomFile file, DicomElement px) throws Exception {
        if (px.value() != null) {
            return px.value();
        }
        assertTrue(px.isBulkData());
        assertFalse(px.bulkData().isEncapsulated());
        byte[] bytes = new byte[Math.toIntExact(px.bulkData().length())];
        file.source().read(px.bulkData().valueOffset(), bytes, 0, bytes.length);
        return bytes;
    }

    static DicomObject copyWithout(DicomObject source, int tag) {
        DicomObject copy = new DicomObject(source.bigEndian(), source.characterSet());
        for (DicomElement e : source.elements()) {
            if (e.tag() != tag) {
                copy.put(e);
            }
        }
        return copy;
    }

    /** Same tags in the same order, same VRs, value bytes equal after even padding, sequences recursively. */
    static void assertSameElements(DicomObject expected, DicomObject actual, String where) {
        List<Integer> expectedTags = tags(expected);
        List<Integer> actualTags = tags(actual);
        if (!expectedTags.contains(Tag.SpecificCharacterSet)) {
            actualTags.remove((Integer) Tag.SpecificCharacterSet);
        }
        assertEquals(hex(expectedTags), hex(actualTags), where + ": tags");
        Iterator<DicomElement> it = actual.elements().iterator();
        for (DicomElement e : expected.elements()) {
            DicomElement a = it.next();
            if (a.tag() == Tag.SpecificCharacterSet && e.tag() != Tag.SpecificCharacterSet) {
                a = it.next();
            }
            String at = where + " " + Tag.toString(e.tag());
            assertEquals(e.tag(), a.tag(), at);
            assertEquals(ElementEncoder.writtenVr(e), a.vr(), at + " VR");
            if (e.isSequence()) {
                assertTrue(a.isSequence(), at + " is a sequence");
                assertEquals(e.items().size(), a.items().size(), at + " item count");
                for (int i = 0; i < e.items().size(); i++) {
                    assertSameElements(e.items().get(i), a.items().get(i), at + " item " + i);
                }
            } else {
                assertArrayEquals(padded(e), a.value(), at + " value bytes");
            }
        }
    }

    static byte[] padded(DicomElement e) {
        byte[] v = e.value() == null ? new byte[0] : e.value();
        if ((v.length & 1) == 0) {
            return v;
        }
        byte[] p = Arrays.copyOf(v, v.length + 1);
        p[v.length] = ElementEncoder.padByte(ElementEncoder.writtenVr(e));
        return p;
    }

    private static List<Integer> tags(DicomObject o) {
        List<Integer> out = new ArrayList<>();
        o.elements().forEach(e -> out.add(e.tag()));
        return out;
    }

    private static List<String> hex(List<Integer> tags) {
        return tags.stream().map(Tag::toString).toList();
    }
}
