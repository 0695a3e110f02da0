package org.raylens.viewer.dicom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader on hand-built byte streams: each encoding, length form and nesting the standard allows. */
class DicomReaderTest {
    private static final Path NAME = Path.of("synthetic.dcm");
    private static final int PRIVATE_CREATOR = 0x00090010;
    private static final int PRIVATE_ELEMENT = 0x00091001;

    private static DicomFile read(byte[] bytes) throws DicomException {
        return DicomReader.read(new MemoryByteSource(bytes), NAME, false);
    }

    private static DicomFile header(byte[] bytes) throws DicomException {
        return DicomReader.read(new MemoryByteSource(bytes), NAME, true);
    }

    private static DicomBytes imageHeader(DicomBytes d) {
        d.text(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.5");
        d.text(Tag.Modality, VR.CS, "DX");
        d.text(Tag.PatientName, VR.PN, "Doe^Jane");
        d.us(Tag.Rows, 2).us(Tag.Columns, 3).us(Tag.BitsAllocated, 16);
        return d;
    }

    @Test
    void explicitLittleEndianReadsValuesAndLocatesNativePixelData() throws Exception {
        DicomBytes d = imageHeader(DicomBytes.explicitLe());
        d.element(Tag.ImageType, VR.CS, "ORIGINAL\\PRIMARY".getBytes(StandardCharsets.US_ASCII));
        int pixelHeader = d.size();
        d.element(Tag.PixelData, VR.OW, new byte[12]);
        byte[] file = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, d.toBytes());
        try (DicomFile f = read(file)) {
            DicomObject ds = f.dataset();
            assertEquals(TransferSyntax.EXPLICIT_VR_LE, f.transferSyntax().uid());
            assertEquals("1.2.3.4.5", ds.getString(Tag.SOPInstanceUID));
            assertEquals("Doe^Jane", ds.getString(Tag.PatientName));
            assertEquals(2, ds.getInt(Tag.Rows, -1));
            assertEquals(3, ds.getInt(Tag.Columns, -1));
            assertArrayEquals(new String[] {"ORIGINAL", "PRIMARY"}, ds.getStrings(Tag.ImageType));
            BulkData pixels = ds.get(Tag.PixelData).bulkData();
            assertFalse(pixels.isEncapsulated());
            assertEquals(12, pixels.length());
            int datasetStart = file.length - d.size();
            assertEquals(datasetStart + pixelHeader + 12, pixels.valueOffset());
            assertEquals("1.2.3.4", f.fileMeta().getString(Tag.MediaStorageSOPInstanceUID));
        }
    }

    @Test
    void implicitLittleEndianTakesVrsFromTheDictionary() throws Exception {
        DicomBytes d = imageHeader(DicomBytes.implicitLe());
        d.text(PRIVATE_CREATOR, VR.LO, "ACME 1.0");
        d.element(PRIVATE_ELEMENT, VR.UN, new byte[] {1, 2, 3, 4});
        try (DicomFile f = read(DicomBytes.part10(TransferSyntax.IMPLICIT_VR_LE, d.toBytes()))) {
            DicomObject ds = f.dataset();
            assertEquals(VR.PN, ds.get(Tag.PatientName).vr());
            assertEquals(VR.US, ds.get(Tag.Rows).vr());
            assertEquals(2, ds.getInt(Tag.Rows, -1));
            assertEquals(VR.LO, ds.get(PRIVATE_CREATOR).vr());
            assertEquals("ACME 1.0", ds.getString(PRIVATE_CREATOR));
            assertEquals(VR.UN, ds.get(PRIVATE_ELEMENT).vr());
            assertArrayEquals(new byte[] {1, 2, 3, 4}, ds.getBytes(PRIVATE_ELEMENT));
        }
    }

    @Test
    void implicitPixelValueAttributesFollowPixelRepresentation() throws Exception {
        DicomBytes d = imageHeader(DicomBytes.implicitLe());
        d.us(Tag.PixelRepresentation, 1);
        d.us(Tag.PixelPaddingValue, 0x8000); // -32768 when signed
        d.us(Tag.LUTDescriptor, 0x8000, 0xFC00, 16);
        try (DicomFile f = read(DicomBytes.part10(TransferSyntax.IMPLICIT_VR_LE, d.toBytes()))) {
            assertEquals(VR.SS, f.dataset().get(Tag.PixelPaddingValue).vr());
            assertEquals(-32768, f.dataset().getInt(Tag.PixelPaddingValue, 0));
            assertEquals(VR.US, f.dataset().get(Tag.LUTDescriptor).vr());
            assertEquals(0x8000, f.dataset().getInts(Tag.LUTDescriptor)[0]);
        }
        DicomBytes unsigned = imageHeader(DicomBytes.implicitLe());
        unsigned.us(Tag.PixelRepresentation, 0).us(Tag.PixelPaddingValue, 0x8000);
        try (DicomFile f = read(DicomBytes.part10(TransferSyntax.IMPLICIT_VR_LE, unsigned.toBytes()))) {
            assertEquals(32768, f.dataset().getInt(Tag.PixelPaddingValue, 0));
        }
    }

    @Test
    void explicitBigEndianKeepsByteOrderAndDecodesNumbers() throws Exception {
        DicomBytes d = imageHeader(DicomBytes.explicitBe());
        d.element(Tag.PixelData, VR.OW, new byte[] {0x12, 0x34, 0, 1, 0, 2, 0, 3, 0, 4, 0, 5});
        try (DicomFile f = read(DicomBytes.part10(TransferSyntax.EXPLICIT_VR_BE, d.toBytes()))) {
            assertTrue(f.dataset().bigEndian());
            assertEquals(2, f.dataset().getInt(Tag.Rows, -1));
            assertEquals(3, f.dataset().getInt(Tag.Columns, -1));
            BulkData pixels = f.dataset().get(Tag.PixelData).bulkData();
            assertTrue(pixels.bigEndian());
            byte[] first = new byte[2];
            f.source().read(pixels.valueOffset(), first, 0, 2);
            assertArrayEquals(new byte[] {0x12, 0x34}, first);
        }
    }

    /** SQ(undefined) → item(undefined) → SQ(defined) → item(defined) → SQ(undefined, empty items). */
    private static byte[] nestedSequences(DicomBytes d) {
        DicomBytes inner = new DicomBytes(true, false);
        inner.text(Tag.ReferencedSOPInstanceUID, VR.UI, "9.8.7");
        byte[] innerItem = inner.toBytes();
        DicomBytes innerSeq = DicomBytes.explicitLe();
        innerSeq.item(innerItem.length).raw(innerItem);
        byte[] innerSeqBytes = innerSeq.toBytes();

        d.header(Tag.ReferencedSeriesSequence, VR.SQ, DicomBytes.UNDEFINED);
        d.item(DicomBytes.UNDEFINED);
        d.text(Tag.SeriesInstanceUID, VR.UI, "1.2.3");
        d.header(Tag.SourceImageSequence, VR.SQ, innerSeqBytes.length).raw(innerSeqBytes);
        d.header(Tag.ModalityLUTSequence, VR.SQ, DicomBytes.UNDEFINED);
        d.item(DicomBytes.UNDEFINED).itemEnd();
        d.item(0);
        d.sequenceEnd();
        d.itemEnd();
        d.sequenceEnd();
        d.text(Tag.SeriesDescription, VR.LO, "after");
        return d.toBytes();
    }

    @Test
    void nestedSequencesWithDefinedAndUndefinedLengths() throws Exception {
        byte[] dataset = nestedSequences(imageHeader(DicomBytes.explicitLe()));
        try (DicomFile f = read(DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, dataset))) {
            assertNestedSequences(f.dataset());
        }
    }

    static void assertNestedSequences(DicomObject ds) {
        List<DicomObject> outer = ds.getSequence(Tag.ReferencedSeriesSequence);
        assertEquals(1, outer.size());
        DicomObject item = outer.get(0);
        assertEquals("1.2.3", item.getString(Tag.SeriesInstanceUID));
        List<DicomObject> inner = item.getSequence(Tag.SourceImageSequence);
        assertEquals(1, inner.size());
        assertEquals("9.8.7", inner.get(0).getString(Tag.ReferencedSOPInstanceUID));
        List<DicomObject> empties = item.getSequence(Tag.ModalityLUTSequence);
        assertEquals(2, empties.size());
        assertEquals(0, empties.get(0).size());
        assertEquals("after", ds.getString(Tag.SeriesDescription));
    }

    @Test
    void implicitVrSequencesAreRecognisedFromTheDictionary() throws Exception {
        DicomBytes d = imageHeader(DicomBytes.implicitLe());
        DicomBytes item = DicomBytes.implicitLe().text(Tag.SeriesInstanceUID, VR.UI, "1.2.3");
        byte[] itemBytes = item.toBytes();
        d.tag(Tag.ReferencedSeriesSequence).u32(8 + itemBytes.length);
        d.item(itemBytes.length).raw(itemBytes);
        try (DicomFile f = read(DicomBytes.part10(TransferSyntax.IMPLICIT_VR_LE, d.toBytes()))) {
            assertEquals("1.2.3", f.dataset().getSequence(Tag.ReferencedSeriesSequence).get(0)
                    .getString(Tag.SeriesInstanceUID));
        }
    }

    @Test
    void privateImplicitSequenceIsDetectedByItsItemTag() throws Exception {
        DicomBytes d = imageHeader(DicomBytes.implicitLe());
        d.text(PRIVATE_CREATOR, VR.LO, "ACME 1.0");
        byte[] itemBytes = DicomBytes.implicitLe().text(Tag.SeriesInstanceUID, VR.UI, "4.5").toBytes();
        d.tag(PRIVATE_ELEMENT).u32(8 + itemBytes.length).item(itemBytes.length).raw(itemBytes);
        d.tag(0x00091002).u32(DicomBytes.UNDEFINED).item(DicomBytes.UNDEFINED).itemEnd().sequenceEnd();
        try (DicomFile f = read(DicomBytes.part10(TransferSyntax.IMPLICIT_VR_LE, d.toBytes()))) {
            assertEquals("4.5", f.dataset().getSequence(PRIVATE_ELEMENT).get(0).getString(Tag.SeriesInstanceUID));
            assertEquals(1, f.dataset().getSequence(0x00091002).size());
        }
    }

    @Test
    void unWithUndefinedLengthIsAnImplicitLittleEndianSequence() throws Exception {
        DicomBytes d = imageHeader(DicomBytes.explicitLe());
        d.header(Tag.ReferencedSeriesSequence, VR.UN, DicomBytes.UNDEFINED);
        d.item(DicomBytes.UNDEFINED);
        DicomBytes implicitItem = DicomBytes.implicitLe();
        implicitItem.text(Tag.SeriesInstanceUID, VR.UI, "7.7.7");
        implicitItem.tag(Tag.SourceImageSequence).u32(DicomBytes.UNDEFINED).item(0).sequenceEnd();
        d.raw(implicitItem.toBytes());
        d.itemEnd().sequenceEnd();
        d.text(Tag.SeriesDescription, VR.LO, "explicit again");
        try (DicomFile f = read(DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, d.toBytes()))) {
            DicomObject item = f.dataset().getSequence(Tag.ReferencedSeriesSequence).get(0);
            assertEquals(VR.UI, item.get(Tag.SeriesInstanceUID).vr());
            assertEquals("7.7.7", item.getString(Tag.SeriesInstanceUID));
            assertEquals(1, item.getSequence(Tag.SourceImageSequence).size());
            assertEquals("explicit again", f.dataset().getString(Tag.SeriesDescription));
        }
    }

    @Test
    void filesWithoutPreambleOrMetaAreReadInTheInferredEncoding() throws Exception {
        byte[] implicit = imageHeader(DicomBytes.implicitLe()).toBytes();
        try (DicomFile f = read(implicit)) {
            assertEquals(TransferSyntax.IMPLICIT_VR_LE, f.transferSyntax().uid());
            assertEquals(0, f.fileMeta().size());
            assertEquals("Doe^Jane", f.dataset().getString(Tag.PatientName));
        }
        byte[] explicit = imageHeader(DicomBytes.explicitLe()).toBytes();
        try (DicomFile f = read(explicit)) {
            assertEquals(TransferSyntax.EXPLICIT_VR_LE, f.transferSyntax().uid());
            assertEquals(3, f.dataset().getInt(Tag.Columns, -1));
        }
    }

    @Test
    void deflatedDatasetWithSequencesIsInflated() throws Exception {
        DicomBytes d = imageHeader(DicomBytes.explicitLe());
        byte[] dataset = nestedSequences(d);
        byte[] file = DicomBytes.part10(TransferSyntax.DEFLATED_EXPLICIT_VR_LE, DicomBytes.deflate(dataset));
        try (DicomFile f = read(file)) {
            assertTrue(f.transferSyntax().deflated());
            assertEquals(dataset.length, f.source().size());
            assertNestedSequences(f.dataset());
        }
    }

    @Test
    void encapsulatedPixelDataRecordsTheOffsetTableAndFragmentsWithoutReadingThem() throws Exception {
        DicomBytes d = imageHeader(DicomBytes.explicitLe());
        d.header(Tag.PixelData, VR.OB, DicomBytes.UNDEFINED);
        d.item(8).raw(DicomBytes.le32(0)).raw(DicomBytes.le32(8 + 4 + 8 + 2));
        d.item(4).raw(new byte[] {1, 2, 3, 4});
        d.item(2).raw(new byte[] {5, 6});
        d.item(6).raw(new byte[] {7, 8, 9, 10, 11, 12});
        d.sequenceEnd();
        byte[] file = DicomBytes.part10(TransferSyntax.JPEG_BASELINE, d.toBytes());
        try (DicomFile f = read(file)) {
            BulkData pixels = f.dataset().get(Tag.PixelData).bulkData();
            assertTrue(pixels.isEncapsulated());
            assertArrayEquals(new long[] {0, 22}, pixels.basicOffsetTable());
            assertEquals(3, pixels.fragments().size());
            EncapsulatedFrames frames = EncapsulatedFrames.of(pixels, 2, f.dataset(), NAME);
            assertEquals(EncapsulatedFrames.Source.BASIC_OFFSET_TABLE, frames.source());
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6}, frames.readFrame(f.source(), 0));
            assertArrayEquals(new byte[] {7, 8, 9, 10, 11, 12}, frames.readFrame(f.source(), 1));
        }
    }

    @Test
    void headerOnlyStopsBeforePixelData() throws Exception {
        DicomBytes d = imageHeader(DicomBytes.explicitLe());
        d.element(Tag.PixelData, VR.OW, new byte[12]);
        try (DicomFile f = header(DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, d.toBytes()))) {
            assertTrue(f.headerOnly());
            assertFalse(f.dataset().contains(Tag.PixelData));
            assertEquals(3, f.dataset().getInt(Tag.Columns, -1));
        }
    }

    @Test
    void extendedOffsetTableIsAnOrdinaryElement() throws Exception {
        DicomBytes d = imageHeader(DicomBytes.explicitLe());
        byte[] eot = new byte[16];
        eot[8] = 12;
        d.element(Tag.ExtendedOffsetTable, VR.OV, eot);
        byte[] lengths = new byte[16];
        lengths[0] = 4;
        lengths[8] = 2;
        d.element(Tag.ExtendedOffsetTableLengths, VR.OV, lengths);
        d.header(Tag.PixelData, VR.OB, DicomBytes.UNDEFINED).item(0);
        d.item(4).raw(new byte[] {1, 2, 3, 4});
        d.item(2).raw(new byte[] {5, 6});
        d.sequenceEnd();
        try (DicomFile f = read(DicomBytes.part10(TransferSyntax.JPEG_2000, d.toBytes()))) {
            assertArrayEquals(eot, f.dataset().getBytes(Tag.ExtendedOffsetTable));
            EncapsulatedFrames frames = EncapsulatedFrames.of(f.dataset().get(Tag.PixelData).bulkData(), 2,
                    f.dataset(), NAME);
            assertEquals(EncapsulatedFrames.Source.EXTENDED_OFFSET_TABLE, frames.source());
            assertArrayEquals(new byte[] {5, 6}, frames.readFrame(f.source(), 1));
        }
    }

    @Test
    void mislabelledImplicitDataInAnExplicitFileIsReadAsImplicit() throws Exception {
        byte[] dataset = imageHeader(DicomBytes.implicitLe()).toBytes();
        try (DicomFile f = read(DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, dataset))) {
            assertEquals(TransferSyntax.IMPLICIT_VR_LE, f.transferSyntax().uid());
            assertEquals("Doe^Jane", f.dataset().getString(Tag.PatientName));
        }
    }

    // ---- broken input ---------------------------------------------------------------------------------------

    @Test
    void lengthBeyondTheDataIsATruncationNamingTagAndOffset() {
        DicomBytes d = imageHeader(DicomBytes.explicitLe());
        d.header(Tag.StudyDescription, VR.LO, 200).raw(new byte[10]);
        byte[] file = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, d.toBytes());
        TruncatedDicomException e = assertThrows(TruncatedDicomException.class, () -> read(file));
        assertEquals(Tag.StudyDescription, e.tag());
        assertEquals(file.length - 10, e.offset());
        assertEquals(NAME, e.file());
        assertTrue(e.getMessage().contains("(0008,1030)"), e.getMessage());
    }

    @Test
    void hugeLengthsFailBeforeAllocating() {
        DicomBytes d = imageHeader(DicomBytes.explicitLe());
        d.header(Tag.StudyDescription, VR.UT, 0xFFFFFFF0L);
        byte[] file = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, d.toBytes());
        assertThrows(TruncatedDicomException.class, () -> read(file));
    }

    @Test
    void nestingDeeperThanTheBoundIsRefused() {
        DicomBytes d = DicomBytes.explicitLe();
        for (int i = 0; i < DatasetParser.MAX_DEPTH + 5; i++) {
            d.header(Tag.ReferencedSeriesSequence, VR.SQ, DicomBytes.UNDEFINED).item(DicomBytes.UNDEFINED);
        }
        byte[] file = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, d.toBytes());
        MalformedDicomException e = assertThrows(MalformedDicomException.class, () -> read(file));
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
    }

    @Test
    void missingDelimitersAreTruncationsNotHangs() {
        DicomBytes d = imageHeader(DicomBytes.explicitLe());
        d.header(Tag.ReferencedSeriesSequence, VR.SQ, DicomBytes.UNDEFINED);
        for (int i = 0; i < 1000; i++) {
            d.item(DicomBytes.UNDEFINED).itemEnd();
        }
        byte[] file = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, d.toBytes());
        assertThrows(TruncatedDicomException.class, () -> read(file));
    }

    @Test
    void invalidVrIsMalformed() {
        DicomBytes d = imageHeader(DicomBytes.explicitLe());
        d.tag(Tag.StudyDescription).raw((byte) 'z', (byte) '!', (byte) 2, (byte) 0, (byte) 'a', (byte) 'b');
        byte[] file = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, d.toBytes());
        MalformedDicomException e = assertThrows(MalformedDicomException.class, () -> read(file));
        assertEquals(Tag.StudyDescription, e.tag());
    }

    @Test
    void itemLongerThanItsSequenceIsMalformed() {
        DicomBytes d = imageHeader(DicomBytes.explicitLe());
        d.header(Tag.ReferencedSeriesSequence, VR.SQ, 16).item(40).raw(new byte[40]);
        byte[] file = DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, d.toBytes());
        assertThrows(MalformedDicomException.class, () -> read(file));
    }

    @Test
    void somethingElseIsNotDicom() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        MalformedDicomException e = assertThrows(MalformedDicomException.class, () -> read(png));
        assertTrue(e.getMessage().contains("not a DICOM file"), e.getMessage());
        assertThrows(MalformedDicomException.class, () -> read(new byte[3]));
    }

    @Test
    void corruptDeflateStreamIsMalformed() {
        byte[] file = DicomBytes.part10(TransferSyntax.DEFLATED_EXPLICIT_VR_LE,
                new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x12, 0x34});
        assertThrows(MalformedDicomException.class, () -> read(file));
    }

    @Test
    void strayZeroLengthDelimitersAreSkipped() throws Exception {
        DicomBytes d = imageHeader(DicomBytes.explicitLe());
        d.itemEnd().sequenceEnd();
        d.text(Tag.StudyDescription, VR.LO, "kept");
        try (DicomFile f = read(DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, d.toBytes()))) {
            assertEquals("kept", f.dataset().getString(Tag.StudyDescription));
            assertNull(f.dataset().get(Tag.ItemDelimitationItem));
        }
    }
}
