package org.raylens.viewer.study;

import org.raylens.core.progress.Progress;
import org.raylens.core.progress.CancellationToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.raylens.viewer.dicom.DicomElement;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.MalformedDicomException;
import org.raylens.viewer.dicom.Tag;

/**
 * Indexes a DICOMDIR (PS3.10 §8, PS3.3 F.3): the PATIENT → STUDY → SERIES → leaf record hierarchy gives the tree,
 * and each leaf's Referenced File ID is resolved safely inside the DICOMDIR's folder ({@link FileIdResolver}) and
 * its header read (in parallel) for the image facts. Records are linked by byte offsets; when those are absent or
 * do not resolve, the records' order in the sequence is used instead (each record belongs to the last record of
 * the level above, which is how every writer lays them out).
 */
public final class DicomDirReader {
    private static final int MAX_RECORDS_VISITED = 10_000_000;
    /** (0004,1410) Record In-use Flag: 0000H marks an inactive record (PS3.3 F.3.2.2). */
    private static final int RECORD_IN_USE_FLAG = 0x00041410;

    private final ParallelHeaderReader reader;

    public DicomDirReader() {
        this(ParallelHeaderReader.defaultThreads());
    }

    public DicomDirReader(int threads) {
        this(threads, HeaderReader.DICOM);
    }

    /** @param headers how each referenced file's header is read; tests count reads through it */
    public DicomDirReader(int threads, HeaderReader headers) {
        this.reader = new ParallelHeaderReader(threads, headers);
    }

    /** A leaf record placed in the hierarchy: its patient, study and series records and its file. */
    private record Leaf(DicomObject patient, DicomObject study, DicomObject series, DicomObject record, Path file) {}

    public StudyIndex read(Path dicomdir) throws DicomException {
        return read(dicomdir, Progress.NONE, CancellationToken.NONE);
    }

    /**
     * Reads the DICOMDIR and the headers of the files it references.
     *
     * @throws DicomException when the DICOMDIR itself cannot be read or is not a DICOMDIR; problems with single
     *                        referenced files (unsafe IDs, missing or broken files) are listed as skipped instead
     */
    public StudyIndex read(Path dicomdir, Progress progress, CancellationToken cancel)
            throws DicomException {
        return read(dicomdir, progress, cancel, HeaderSink.NONE);
    }

    /** Reads as {@link #read(Path, Progress, CancellationToken)}, handing each file's header on. */
    public StudyIndex read(Path dicomdir, Progress progress, CancellationToken cancel, HeaderSink headers)
            throws DicomException {
        DicomFile dir = DicomReader.readHeader(dicomdir);
        DicomElement sequence = dir.dataset().get(Tag.DirectoryRecordSequence);
        if (sequence == null || !sequence.isSequence()) {
            throw new MalformedDicomException("not a DICOMDIR: no Directory Record Sequence", dicomdir,
                    Tag.DirectoryRecordSequence, DicomException.NO_OFFSET);
        }
        List<DicomObject> records = sequence.items();
        StudyTreeBuilder tree = new StudyTreeBuilder();
        FileIdResolver resolver = new FileIdResolver(dicomdir);
        List<Leaf> leaves = new ArrayList<>();
        List<Hierarchy> placed = byOffsets(records, dir);
        if (placed == null) {
            placed = bySequenceOrder(records);
        }
        for (Hierarchy h : placed) {
            String[] fileId = h.record().getStrings(Tag.ReferencedFileID);
            try {
                leaves.add(new Leaf(h.patient(), h.study(), h.series(), h.record(), resolver.resolve(fileId)));
            } catch (UnsafeFileReferenceException e) {
                // The unsafe path is never formed; the DICOMDIR is named, with the file ID in the reason.
                tree.skip(dicomdir, "file ID " + String.join("\\", fileId) + ": " + e.reason());
            }
        }
        Map<Path, Leaf> byPath = new LinkedHashMap<>();
        List<Path> paths = new ArrayList<>();
        for (Leaf leaf : leaves) {
            if (!Files.isRegularFile(leaf.file())) {
                tree.skip(leaf.file(), "referenced by the DICOMDIR but missing");
            } else if (byPath.putIfAbsent(leaf.file(), leaf) == null) {
                paths.add(leaf.file());
            }
        }
        reader.readAll(paths, result -> {
            if (collect(result, byPath.get(result.path()), tree)) {
                headers.accept(result.path(), result.header());
            }
        }, progress, cancel);
        return tree.build();
    }

    /** Places one file in the tree; false when it was skipped. */
    private static boolean collect(ParallelHeaderReader.Result result, Leaf leaf, StudyTreeBuilder tree) {
        if (result.error() != null) {
            Exception e = result.error();
            tree.skip(result.path(), e instanceof DicomException de ? de.reason() : e.toString());
            return false;
        }
        DicomObject header = result.header().dataset();
        DicomObject rec = leaf.record();
        String sop = first(rec.getString(Tag.ReferencedSOPInstanceUIDInFile), header.getString(Tag.SOPInstanceUID));
        if (sop == null) {
            tree.skip(result.path(), "no SOP Instance UID in the record or the file");
            return false;
        }
        String modality = first(leaf.series().getString(Tag.Modality), header.getString(Tag.Modality));
        Integer number = IndexedFile.integer(rec, Tag.InstanceNumber);
        Instance instance = new Instance(result.path(), sop,
                first(rec.getString(Tag.ReferencedSOPClassUIDInFile), header.getString(Tag.SOPClassUID)),
                number != null ? number : IndexedFile.integer(header, Tag.InstanceNumber),
                header.getInt(Tag.Rows, 0), header.getInt(Tag.Columns, 0),
                Math.max(1, header.getInt(Tag.NumberOfFrames, 1)), modality,
                first(rec.getString(Tag.ReferencedTransferSyntaxUIDInFile), result.header().transferSyntax().uid()),
                header.getString(Tag.PhotometricInterpretation));
        DicomObject p = leaf.patient();
        DicomObject st = leaf.study();
        DicomObject se = leaf.series();
        String seriesUid = first(se.getString(Tag.SeriesInstanceUID), header.getString(Tag.SeriesInstanceUID));
        tree.add(new IndexedFile(p.getString(Tag.PatientID, ""), p.getString(Tag.PatientName, ""),
                first(st.getString(Tag.StudyInstanceUID), header.getString(Tag.StudyInstanceUID)),
                st.getString(Tag.StudyDate), st.getString(Tag.StudyDescription), st.getString(Tag.AccessionNumber),
                seriesUid, IndexedFile.integer(se, Tag.SeriesNumber), modality, se.getString(Tag.SeriesDescription),
                instance, DerivedObject.fromHeader(result.path(), header, instance.sopClassUid(), sop, seriesUid)
                        .orElse(null)));
        return true;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** A leaf record with the records above it. */
    private record Hierarchy(DicomObject patient, DicomObject study, DicomObject series, DicomObject record) {}

    /**
     * Follows (0004,1200) → next (0004,1400) / lower (0004,1420) links. Returns null when the offsets are missing or
     * any of them points at no record, so the caller falls back to sequence order.
     */
    private static List<Hierarchy> byOffsets(List<DicomObject> records, DicomFile dir) {
        if (dir.transferSyntax().deflated()) {
            return null; // offsets count bytes of the file, and the records were parsed from the inflated stream
        }
        Map<Long, DicomObject> byOffset = new HashMap<>();
        for (DicomObject r : records) {
            long offset = itemOffset(r, dir.transferSyntax().explicitVr());
            if (offset < 0) {
                return null;
            }
            byOffset.put(offset, r);
        }
        long root = unsigned(dir.dataset(), Tag.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity);
        if (root <= 0 || !byOffset.containsKey(root)) {
            return null;
        }
        List<Hierarchy> out = new ArrayList<>();
        Set<Long> visited = new HashSet<>();
        if (!walk(byOffset, root, 0, new DicomObject[3], out, visited)) {
            return null;
        }
        return out;
    }

    /** Visits the chain starting at {@code offset} at {@code level} (0 patient, 1 study, 2 series, 3 leaf). */
    private static boolean walk(Map<Long, DicomObject> byOffset, long offset, int level, DicomObject[] above,
            List<Hierarchy> out, Set<Long> visited) {
        long at = offset;
        while (at != 0) {
            DicomObject r = byOffset.get(at);
            if (r == null || !visited.add(at) || visited.size() > MAX_RECORDS_VISITED) {
                return false; // a dangling or circular link: trust the sequence order instead
            }
            if (inUse(r)) {
                String type = r.getString(Tag.DirectoryRecordType, "");
                int recordLevel = levelOf(type);
                if (recordLevel == level && level < 3) {
                    above[level] = r;
                    long lower = unsigned(r, Tag.OffsetOfReferencedLowerLevelDirectoryEntity);
                    if (lower > 0 && !walk(byOffset, lower, level + 1, above, out, visited)) {
                        return false;
                    }
                } else if (level == 3 && r.contains(Tag.ReferencedFileID)) {
                    out.add(new Hierarchy(above[0], above[1], above[2], r));
                }
            }
            at = unsigned(r, Tag.OffsetOfTheNextDirectoryRecord);
        }
        return true;
    }

    private static List<Hierarchy> bySequenceOrder(List<DicomObject> records) {
        List<Hierarchy> out = new ArrayList<>();
        DicomObject[] above = new DicomObject[3];
        for (DicomObject r : records) {
            if (!inUse(r)) {
                continue;
            }
            int level = levelOf(r.getString(Tag.DirectoryRecordType, ""));
            if (level < 3) {
                above[level] = r;
                for (int i = level + 1; i < 3; i++) {
                    above[i] = null;
                }
            } else if (r.contains(Tag.ReferencedFileID) && above[0] != null && above[1] != null && above[2] != null) {
                out.add(new Hierarchy(above[0], above[1], above[2], r));
            }
        }
        return out;
    }

    private static int levelOf(String type) {
        return switch (type) {
            case "PATIENT" -> 0;
            case "STUDY" -> 1;
            case "SERIES" -> 2;
            default -> 3; // IMAGE, RT DOSE, SR DOCUMENT, PRESENTATION, ...: leaves that reference files
        };
    }

    private static boolean inUse(DicomObject r) {
        return r.getInt(RECORD_IN_USE_FLAG, 0xFFFF) != 0;
    }

    private static long unsigned(DicomObject o, int tag) {
        int[] v = o.getInts(tag);
        return v.length == 0 ? 0 : Integer.toUnsignedLong(v[0]);
    }

    /**
     * Byte offset of an item's tag in the file: its first element's value offset less that element's header and
     * the 8-byte item header. Exact for both VR encodings (PS3.5 §7.1).
     */
    private static long itemOffset(DicomObject item, boolean explicitVr) {
        if (item.size() == 0) {
            return -1;
        }
        DicomElement first = item.elements().iterator().next();
        if (first.streamOffset() < 0 || first.isBulkData()) {
            return -1;
        }
        int header = explicitVr && first.vr().hasLongHeader() ? 12 : 8;
        return first.streamOffset() - header - 8;
    }
}
