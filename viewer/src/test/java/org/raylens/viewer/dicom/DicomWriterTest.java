package org.raylens.viewer.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DicomWriterTest {

    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.1.1"; // Digital X-Ray Image Storage - For Presentation

    static DicomObject minimal() {
        DicomObject d = new DicomObject();
        d.setString(Tag.SOPClassUID, VR.UI, SOP_CLASS);
        d.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5");
        return d;
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void fileMetaGroupHasComputedLengthAndRayLensIdentity() throws Exception {
        byte[] file = new DicomWriter().toBytes(minimal(), null);
        ExplicitLittleEndianWalker w = ExplicitLittleEndianWalker.walk(file);
        ExplicitLittleEndianWalker.Found groupLength = w.first(Tag.FileMetaInformationGroupLength);
        assertEquals("UL", groupLength.vr());
        long declared = Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(groupLength.value())
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt());
        int metaStart = groupLength.valueOffset() + 4;
        int firstDatasetElement = w.found.stream().filter(f -> Tag.group(f.tag()) != 2).findFirst().orElseThrow()
                .valueOffset() - 8;
        assertEquals(firstDatasetElement - metaStart, declared, "group length covers exactly the meta elements");
        assertArrayEquals(new byte[] {0, 1}, w.first(DicomWriter.FILE_META_INFORMATION_VERSION).value());
        assertEquals(SOP_CLASS + "\0", ascii(w.first(Tag.MediaStorageSOPClassUID).value()));
        assertEquals("1.2.3.4.5\0", ascii(w.first(Tag.MediaStorageSOPInstanceUID).value()));
        assertEquals(TransferSyntax.EXPLICIT_VR_LE + "\0", ascii(w.first(Tag.TransferSyntaxUID).value()));
        assertEquals(DicomWriter.IMPLEMENTATION_CLASS_UID, ascii(w.first(Tag.ImplementationClassUID).value()));
        assertEquals("RAYLENS_0_1 ", ascii(w.first(Tag.ImplementationVersionName).value()));
        assertTrue(UidGenerator.isValid(DicomWriter.IMPLEMENTATION_CLASS_UID));
    }

    @Test
    void oddValuesArePaddedPerVr() throws Exception {
        DicomObject d = minimal();
        d.setString(Tag.PatientName, VR.PN, "ABC");                 // text: space
        d.setString(Tag.StudyInstanceUID, VR.UI, "1.2.345");        // UI: NUL
        d.setBytes(0x00091010, VR.OB, new byte[] {7, 8, 9});         // OB: NUL
        d.setString(Tag.Modality, VR.CS, "DX");                      // already even: unchanged
        ExplicitLittleEndianWalker w = ExplicitLittleEndianWalker.walk(new DicomWriter().toBytes(d, null));
        assertEquals("ABC ", ascii(w.first(Tag.PatientName).value()));
        assertEquals("1.2.345\0", ascii(w.first(Tag.StudyInstanceUID).value()));
        assertArrayEquals(new byte[] {7, 8, 9, 0}, w.first(0x00091010).value());
        assertEquals("DX", ascii(w.first(Tag.Modality).value()));
    }

    @Test
    void datasetGroupLengthsAreDroppedAndMetaElementsRefused() throws Exception {
        DicomObject d = minimal();
        d.setInts(0x00080000, VR.UL, 12345);
        ExplicitLittleEndianWalker w = ExplicitLittleEndianWalker.walk(new DicomWriter().toBytes(d, null));
        assertTrue(w.all(0x00080000).isEmpty());

        d.setString(Tag.TransferSyntaxUID, VR.UI, TransferSyntax.IMPLICIT_VR_LE);
        DicomWriteException e = assertThrows(DicomWriteException.class, () -> new DicomWriter().toBytes(d, null));
        assertEquals(Tag.TransferSyntaxUID, e.tag());
    }

    @Test
    void refusesWhatItCannotEncode() {
        DicomObject oddBinary = minimal();
        oddBinary.setBytes(Tag.Rows, VR.US, new byte[] {1, 2, 3});
        assertEquals(Tag.Rows, assertThrows(DicomWriteException.class,
                () -> new DicomWriter().toBytes(oddBinary, null)).tag());

        DicomObject tooLong = minimal();
        tooLong.setString(Tag.StudyDescription, VR.LO, "x".repeat(70_000));
        assertEquals(Tag.StudyDescription, assertThrows(DicomWriteException.class,
                () -> new DicomWriter().toBytes(tooLong, null)).tag());

        DicomObject noInstance = new DicomObject();
        noInstance.setString(Tag.SOPClassUID, VR.UI, SOP_CLASS);
        assertEquals(Tag.SOPInstanceUID, assertThrows(DicomWriteException.class,
                () -> new DicomWriter().toBytes(noInstance, null)).tag());

        DicomObject badUid = minimal();
        badUid.setString(Tag.SOPInstanceUID, VR.UI, "1.02.x");
        assertThrows(DicomWriteException.class, () -> new DicomWriter().toBytes(badUid, null));
    }

    @Test
    void sequencesGetComputedDefinedLengthsAtAnyDepth() throws Exception {
        DicomObject inner = new DicomObject();
        inner.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3");
        DicomObject item1 = new DicomObject();
        item1.setString(Tag.ReferencedSOPClassUID, VR.UI, SOP_CLASS);
        item1.setSequence(Tag.SourceImageSequence, List.of(inner, new DicomObject()));
        DicomObject item2 = new DicomObject();
        item2.setString(Tag.SeriesInstanceUID, VR.UI, "9.8.7.6");
        DicomObject d = minimal();
        d.setSequence(Tag.ReferencedSeriesSequence, List.of(item1, item2));
        d.setSequence(Tag.ModalityLUTSequence, List.of());

        ExplicitLittleEndianWalker w = ExplicitLittleEndianWalker.walk(new DicomWriter().toBytes(d, null));
        // The walker fails on any length that does not add up; here we check the values it found and their depth.
        ExplicitLittleEndianWalker.Found seq = w.first(Tag.ReferencedSeriesSequence);
        assertEquals("SQ", seq.vr());
        // item 1: UI of 27 chars padded to 28; a nested SQ (12-byte header) holding an item with a 5-char UI padded
        // to 6 and an empty item. item 2: a 7-char UI padded to 8. Each item adds an 8-byte item header.
        long item1Length = 8 + (8 + 28) + (12 + (8 + (8 + 6)) + 8);
        long item2Length = 8 + (8 + 8);
        long expected = item1Length + item2Length;
        assertEquals(expected, seq.length());
        assertEquals(2, w.first(Tag.ReferencedSOPInstanceUID).depth());
        assertEquals("1.2.3\0", ascii(w.first(Tag.ReferencedSOPInstanceUID).value()));
        assertEquals(0, w.first(Tag.ModalityLUTSequence).length());
    }

    @Test
    void nonAsciiTextSwitchesToUtf8WithoutLosingCharacters() throws Exception {
        DicomObject d = minimal();
        d.setString(Tag.PatientName, VR.PN, "Müller^Jürgen");
        assertEquals("Müller^Jürgen", d.getString(Tag.PatientName));
        ExplicitLittleEndianWalker w = ExplicitLittleEndianWalker.walk(new DicomWriter().toBytes(d, null));
        assertEquals("ISO_IR 192", ascii(w.first(Tag.SpecificCharacterSet).value()));
        assertEquals("Müller^Jürgen ", new String(w.first(Tag.PatientName).value(), StandardCharsets.UTF_8));
    }

    @Test
    void utf8BytesWithoutDeclarationGetOneWithoutChangingTheCallersObject() throws Exception {
        DicomObject item = new DicomObject();
        item.setBytes(Tag.LUTExplanation, VR.LO, "Fenêtre".getBytes(StandardCharsets.UTF_8));
        DicomObject d = minimal();
        d.setSequence(Tag.VOILUTSequence, List.of(item));
        ExplicitLittleEndianWalker w = ExplicitLittleEndianWalker.walk(new DicomWriter().toBytes(d, null));
        assertEquals("ISO_IR 192", ascii(w.first(Tag.SpecificCharacterSet).value()));
        assertEquals(0, w.first(Tag.SpecificCharacterSet).depth());
        assertFalse(d.contains(Tag.SpecificCharacterSet), "the caller's dataset is not modified");

        DicomObject plainAscii = minimal();
        plainAscii.setString(Tag.PatientName, VR.PN, "PLAIN^ASCII");
        assertTrue(ExplicitLittleEndianWalker.walk(new DicomWriter().toBytes(plainAscii, null))
                .all(Tag.SpecificCharacterSet).isEmpty(), "ASCII needs no declaration");

        DicomObject latin1 = minimal();
        latin1.setBytes(Tag.PatientName, VR.PN, new byte[] {'M', (byte) 0xFC, 'l', 'l', 'e', 'r'});
        assertEquals(Tag.PatientName, assertThrows(DicomWriteException.class,
                () -> new DicomWriter().toBytes(latin1, null)).tag());
        latin1.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        new DicomWriter().toBytes(latin1, null); // declared: written as given
    }

    @Test
    void pixelDataIsOwFor16BitAndObFor8BitAndMustMatchTheImage() throws Exception {
        DicomObject d = image(2, 3, 16, 12);
        short[] values = {0, 1, 2, 4095, (short) 0x1234, 7};
        ExplicitLittleEndianWalker w = ExplicitLittleEndianWalker.walk(
                new DicomWriter().toBytes(d, NativePixels.ofShorts(values)));
        ExplicitLittleEndianWalker.Found px = w.found.get(w.found.size() - 1);
        assertEquals(Tag.PixelData, px.tag());
        assertEquals("OW", px.vr());
        assertArrayEquals(new byte[] {0, 0, 1, 0, 2, 0, (byte) 0xFF, 0x0F, 0x34, 0x12, 7, 0}, px.value());

        DicomObject d8 = image(1, 3, 8, 8);
        ExplicitLittleEndianWalker w8 = ExplicitLittleEndianWalker.walk(
                new DicomWriter().toBytes(d8, NativePixels.ofBytes(new byte[] {5, 6, 7})));
        assertEquals("OB", w8.first(Tag.PixelData).vr());
        assertArrayEquals(new byte[] {5, 6, 7, 0}, w8.first(Tag.PixelData).value());

        assertEquals(Tag.PixelData, assertThrows(DicomWriteException.class,
                () -> new DicomWriter().toBytes(d, NativePixels.ofShorts(new short[5]))).tag());
        assertEquals(Tag.BitsAllocated, assertThrows(DicomWriteException.class,
                () -> new DicomWriter().toBytes(d, NativePixels.ofBytes(new byte[6]))).tag());
    }

    @Test
    void largePixelDataCrossesBufferBoundariesIntact() throws Exception {
        int rows = 300;
        int columns = 301;
        short[] values = new short[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) (i * 2654435761L >>> 18);
        }
        ExplicitLittleEndianWalker w = ExplicitLittleEndianWalker.walk(
                new DicomWriter().toBytes(image(rows, columns, 16, 16), NativePixels.ofShorts(values)));
        byte[] px = w.first(Tag.PixelData).value();
        for (int i = 0; i < values.length; i++) {
            assertEquals(values[i], (short) ((px[2 * i] & 0xFF) | (px[2 * i + 1] << 8)), "sample " + i);
        }
    }

    static DicomObject image(int rows, int columns, int bitsAllocated, int bitsStored) {
        DicomObject d = minimal();
        d.setInts(Tag.SamplesPerPixel, VR.US, 1);
        d.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        d.setInts(Tag.Rows, VR.US, rows);
        d.setInts(Tag.Columns, VR.US, columns);
        d.setInts(Tag.BitsAllocated, VR.US, bitsAllocated);
        d.setInts(Tag.BitsStored, VR.US, bitsStored);
        d.setInts(Tag.HighBit, VR.US, bitsStored - 1);
        d.setInts(Tag.PixelRepresentation, VR.US, 0);
        return d;
    }

    // ---- files ------------------------------------------------------------------------------------------------

    @Test
    void writesTheSameBytesToAFileAsInMemory(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("a.dcm");
        DicomObject d = image(2, 2, 16, 12);
        NativePixels px = NativePixels.ofShorts(new short[] {1, 2, 3, 4});
        new DicomWriter().write(target, d, px);
        assertArrayEquals(new DicomWriter().toBytes(d, px), Files.readAllBytes(target));
        assertEquals(List.of(target), listing(dir), "no temporary file is left behind");
    }

    @Test
    void refusesToOverwriteUnlessAsked(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("a.dcm");
        Files.writeString(target, "not DICOM, but the user's");
        DicomWriteException e = assertThrows(DicomWriteException.class,
                () -> new DicomWriter().write(target, minimal(), null));
        assertEquals(target.toAbsolutePath(), e.file());
        assertEquals("not DICOM, but the user's", Files.readString(target));
        assertEquals(List.of(target), listing(dir));

        new DicomWriter().overwriting().write(target, minimal(), null);
        assertArrayEquals(new DicomWriter().toBytes(minimal(), null), Files.readAllBytes(target));
        assertEquals(List.of(target), listing(dir));
    }

    @Test
    void aFileThatAppearsWhileWritingIsNotReplaced(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("a.dcm");
        // Another program creates the target after the writer's up-front check, while the bytes are being written.
        DicomWriter racing = new DicomWriter(false, out -> new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (!Files.exists(target)) {
                    Files.writeString(target, "theirs");
                }
                out.write(b, off, len);
            }
        });
        DicomWriteException e = assertThrows(DicomWriteException.class,
                () -> racing.write(target, minimal(), null));
        assertEquals(target.toAbsolutePath(), e.file());
        assertEquals("theirs", Files.readString(target));
        assertEquals(List.of(target), listing(dir), "our temporary file is gone");
    }

    @Test
    void aFailureHalfwayLeavesNoFileAtAll(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("a.dcm");
        DicomWriter failing = new DicomWriter(false, out -> new FailAfter(out, 200));
        DicomObject d = image(100, 100, 16, 12);
        DicomWriteException e = assertThrows(DicomWriteException.class,
                () -> failing.write(target, d, NativePixels.ofShorts(new short[10_000])));
        assertEquals(target.toAbsolutePath(), e.file());
        assertEquals(List.of(), listing(dir), "neither the target nor a temporary file exists");
    }

    @Test
    void aFailedOverwriteKeepsTheOldFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("a.dcm");
        new DicomWriter().write(target, minimal(), null);
        byte[] before = Files.readAllBytes(target);
        DicomWriter failing = new DicomWriter(true, out -> new FailAfter(out, 1000));
        assertThrows(DicomWriteException.class, () -> failing.write(target, image(100, 100, 16, 12),
                NativePixels.ofShorts(new short[10_000])));
        assertArrayEquals(before, Files.readAllBytes(target));
        assertEquals(List.of(target), listing(dir));
    }

    @Test
    void invalidDatasetsAreRefusedBeforeAnyFileIsCreated(@TempDir Path dir) throws Exception {
        DicomObject d = image(2, 2, 16, 12);
        assertThrows(DicomWriteException.class,
                () -> new DicomWriter().write(dir.resolve("a.dcm"), d, NativePixels.ofShorts(new short[3])));
        assertEquals(List.of(), listing(dir));
        assertNull(d.get(Tag.PixelData));
    }

    static List<Path> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** An output stream that fails like a full disk after a number of bytes. */
    static final class FailAfter extends FilterOutputStream {
        private long left;

        FailAfter(OutputStream out, long bytes) {
            super(out);
            this.left = bytes;
        }

        @Override
        public void write(int b) throws IOException {
            if (--left < 0) {
                throw new IOException("No space left on device (simulated)");
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }
}
