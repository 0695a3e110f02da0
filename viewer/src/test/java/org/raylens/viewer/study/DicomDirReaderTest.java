package org.raylens.viewer.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.ConformanceData;
import org.raylens.viewer.dicom.DicomBytes;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.TransferSyntax;
import org.raylens.viewer.dicom.VR;

class DicomDirReaderTest {
    @TempDir
    Path dir;

    @Test
    void conformanceDicomdirIndexesToTheTreeItsRecordsDescribe() throws Exception {
        Path dicomdir = ConformanceData.folder().resolve("dicomdir/DICOMDIR");
        Map<String, Integer> records = new HashMap<>();
        try (DicomFile f = DicomReader.readHeader(dicomdir)) {
            for (DicomObject r : f.dataset().getSequence(Tag.DirectoryRecordSequence)) {
                records.merge(r.getString(Tag.DirectoryRecordType), 1, Integer::sum);
            }
        }
        StudyIndex index = new DicomDirReader(2).read(dicomdir);
        assertEquals(List.of(), index.skipped());
        assertEquals(records.get("PATIENT"), index.patients().size());
        assertEquals(records.get("STUDY"), index.studyCount());
        assertEquals(records.get("SERIES"), index.seriesCount());
        assertEquals(records.get("IMAGE"), index.instanceCount());
        assertEquals(31, index.instanceCount());

        Patient doe = index.patients().stream().filter(p -> p.patientId().equals("77654033")).findFirst()
                .orElseThrow();
        assertEquals("Doe^Archibald", doe.patientName());
        Instance cr = doe.studies().stream().flatMap(s -> s.series().stream())
                .filter(s -> "CR".equals(s.modality())).findFirst().orElseThrow().instances().get(0);
        assertEquals(dicomdir.getParent().resolve("77654033/CR1/6154").toAbsolutePath().normalize(), cr.path());
        assertTrue(cr.rows() > 0 && cr.columns() > 0);

        // Scanning the folder finds the same tree (the DICOMDIR itself is skipped as not an image).
        StudyIndex scanned = new FolderScanner(2).scan(dicomdir.getParent());
        assertEquals(index.patients().size(), scanned.patients().size());
        assertEquals(index.studyCount(), scanned.studyCount());
        assertEquals(index.seriesCount(), scanned.seriesCount());
        assertEquals(index.instanceCount(), scanned.instanceCount());
    }

    private static void record(DicomBytes d, String type, Map<Integer, String> values) {
        DicomBytes item = DicomBytes.explicitLe();
        item.element(Tag.OffsetOfTheNextDirectoryRecord, VR.UL, DicomBytes.le32(0));
        item.element(Tag.OffsetOfReferencedLowerLevelDirectoryEntity, VR.UL, DicomBytes.le32(0));
        item.text(Tag.DirectoryRecordType, VR.CS, type);
        new java.util.TreeMap<>(values).forEach((tag, v) -> {
            if (tag == Tag.ReferencedFileID) {
                item.text(tag, VR.CS, v);
            } else {
                item.text(tag, tag == Tag.PatientName ? VR.PN : tag == Tag.PatientID ? VR.LO : VR.UI, v);
            }
        });
        byte[] b = item.toBytes();
        d.item(b.length).raw(b);
    }

    /** One directory record with explicit link offsets. */
    private static byte[] linkedRecord(String type, long next, long lower, Map<Integer, String> values) {
        DicomBytes item = DicomBytes.explicitLe();
        item.element(Tag.OffsetOfTheNextDirectoryRecord, VR.UL, DicomBytes.le32(next));
        item.element(Tag.OffsetOfReferencedLowerLevelDirectoryEntity, VR.UL, DicomBytes.le32(lower));
        item.text(Tag.DirectoryRecordType, VR.CS, type);
        new java.util.TreeMap<>(values).forEach((tag, v) -> item.text(tag,
                tag == Tag.ReferencedFileID ? VR.CS : tag == Tag.PatientID ? VR.LO : VR.UI, v));
        byte[] content = item.toBytes();
        return DicomBytes.explicitLe().item(content.length).raw(content).toBytes();
    }

    private static byte[] dicomdirWithLinks(long[] offsets, int[] order) {
        // Records: 0 PATIENT, 1 STUDY, 2 SERIES, 3 IMAGE A, 4 IMAGE B, linked by offsets only.
        byte[][] records = {
            linkedRecord("PATIENT", 0, offsets[1], Map.of(Tag.PatientID, "P")),
            linkedRecord("STUDY", 0, offsets[2], Map.of(Tag.StudyInstanceUID, "1.1")),
            linkedRecord("SERIES", 0, offsets[3], Map.of(Tag.SeriesInstanceUID, "1.1.1")),
            linkedRecord("IMAGE", offsets[4], 0, Map.of(Tag.ReferencedFileID, "A")),
            linkedRecord("IMAGE", 0, 0, Map.of(Tag.ReferencedFileID, "B"))};
        DicomBytes seq = DicomBytes.explicitLe();
        for (int i : order) {
            seq.raw(records[i]);
        }
        byte[] items = seq.toBytes();
        DicomBytes d = DicomBytes.explicitLe();
        d.element(Tag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, VR.UL, DicomBytes.le32(offsets[0]));
        d.header(Tag.DirectoryRecordSequence, VR.SQ, items.length).raw(items);
        return DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, d.toBytes());
    }

    @Test
    void recordsAreLinkedByOffsetsNotBySequenceOrder() throws Exception {
        Path cd = Files.createDirectories(dir.resolve("cd"));
        StudyFiles.write(cd.resolve("A"), "P", "1.1", "1.1.1", 1, "1.1.1.1", 1);
        StudyFiles.write(cd.resolve("B"), "P", "1.1", "1.1.1", 1, "1.1.1.2", 2);
        // Scrambled order: image B first, so sequence order alone could not place it under its series.
        int[] order = {4, 2, 0, 3, 1};
        byte[] draft = dicomdirWithLinks(new long[5], order);
        int sizeOfItems = 0;
        long[] offsets = new long[5];
        byte[][] sizes = new byte[5][];
        for (int i = 0; i < 5; i++) {
            sizes[i] = linkedRecord(i == 0 ? "PATIENT" : i == 1 ? "STUDY" : i == 2 ? "SERIES" : "IMAGE", 0, 0,
                    Map.of(i == 0 ? Tag.PatientID : i == 1 ? Tag.StudyInstanceUID : i == 2 ? Tag.SeriesInstanceUID
                            : Tag.ReferencedFileID, i == 0 ? "P" : i == 1 ? "1.1" : i == 2 ? "1.1.1" : i == 3 ? "A"
                            : "B"));
            sizeOfItems += sizes[i].length;
        }
        long at = draft.length - sizeOfItems; // the items are the last bytes of the file
        for (int i : order) {
            offsets[i] = at;
            at += sizes[i].length;
        }
        Path dicomdir = Files.write(cd.resolve("DICOMDIR"), dicomdirWithLinks(offsets, order));
        StudyIndex index = new DicomDirReader(1).read(dicomdir);
        assertEquals(List.of(), index.skipped());
        assertEquals(2, index.instanceCount(), index.toText());
        assertEquals(1, index.seriesCount());
    }

    @Test
    void fileIdsThatLeaveTheFolderAreRejected() throws Exception {
        Path cd = Files.createDirectories(dir.resolve("cd"));
        StudyFiles.write(cd.resolve("IMAGES/IMG1"), "P", "1.1", "1.1.1", 1, "1.1.1.1", 1);
        Path outside = StudyFiles.write(dir.resolve("secret.dcm"), "P", "1.1", "1.1.1", 1, "1.1.1.9", 9);
        Files.createSymbolicLink(cd.resolve("LINK"), outside);
        Files.createDirectories(cd.resolve("SUB"));
        Files.createSymbolicLink(cd.resolve("SUB/UP"), dir);

        DicomBytes seq = DicomBytes.explicitLe();
        record(seq, "PATIENT", Map.of(Tag.PatientID, "P", Tag.PatientName, "Synthetic^P"));
        record(seq, "STUDY", Map.of(Tag.StudyInstanceUID, "1.1"));
        record(seq, "SERIES", Map.of(Tag.SeriesInstanceUID, "1.1.1"));
        String[] ids = {"IMAGES\\IMG1", "..\\secret.dcm", "/etc/passwd", "LINK", "SUB\\UP\\secret.dcm",
            "IMAGES\\.\\IMG1", "C:\\Windows", "MISSING"};
        for (String id : ids) {
            record(seq, "IMAGE", Map.of(Tag.ReferencedFileID, id));
        }
        byte[] items = seq.toBytes();
        DicomBytes d = DicomBytes.explicitLe();
        d.element(Tag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, VR.UL, DicomBytes.le32(0));
        d.header(Tag.DirectoryRecordSequence, VR.SQ, items.length).raw(items);
        Path dicomdir = Files.write(cd.resolve("DICOMDIR"), DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE,
                d.toBytes()));

        StudyIndex index = new DicomDirReader(2).read(dicomdir);
        assertEquals(1, index.instanceCount(), index.toText());
        assertEquals("1.1.1.1", index.patients().get(0).studies().get(0).series().get(0).instances().get(0)
                .sopInstanceUid());
        assertTrue(index.findInstance("1.1.1.9").isEmpty(), "the file outside must never be read");
        Map<String, String> reasons = new HashMap<>();
        for (SkippedFile s : index.skipped()) {
            String reason = s.reason();
            String key = reason.startsWith("file ID ") ? "DICOMDIR:" + reason.substring(8, reason.indexOf(": "))
                    : s.path().getFileName().toString();
            reasons.put(key, reason);
            if (reason.startsWith("file ID ")) {
                assertEquals(dicomdir, s.path());
            }
        }
        assertEquals(7, index.skipped().size(), reasons.toString());
        assertTrue(reasons.get("DICOMDIR:..\\secret.dcm").contains("not a plain file or folder name"));
        assertTrue(reasons.get("DICOMDIR:/etc/passwd").contains("not a plain"), reasons.toString());
        assertTrue(reasons.get("DICOMDIR:LINK").contains("symbolic link"), reasons.toString());
        assertTrue(reasons.get("DICOMDIR:SUB\\UP\\secret.dcm").contains("symbolic link"), reasons.toString());
        assertTrue(reasons.get("DICOMDIR:IMAGES\\.\\IMG1").contains("not a plain"), reasons.toString());
        assertTrue(reasons.get("DICOMDIR:C:\\Windows").contains("not a plain"), reasons.toString());
        assertTrue(reasons.get("MISSING").contains("missing"), reasons.toString());
    }
}
