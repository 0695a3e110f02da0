package org.raylens.viewer.study;

import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;

/**
 * The facts one file contributes to the tree: its place (patient, study, series) and the instance itself; for a
 * derived object (SEG, Parametric Map, RWVM, SR) also what it references, so the tree can attach it to its source.
 */
record IndexedFile(String patientId, String patientName, String studyUid, String studyDate, String studyDescription,
        String accessionNumber, String seriesUid, Integer seriesNumber, String seriesModality,
        String seriesDescription, Instance instance, DerivedObject derived) {

    /** A file that is an image (or another instance that is not a derived object). */
    IndexedFile(String patientId, String patientName, String studyUid, String studyDate, String studyDescription,
            String accessionNumber, String seriesUid, Integer seriesNumber, String seriesModality,
            String seriesDescription, Instance instance) {
        this(patientId, patientName, studyUid, studyDate, studyDescription, accessionNumber, seriesUid, seriesNumber,
                seriesModality, seriesDescription, instance, null);
    }

    /** Media Storage Directory Storage: a DICOMDIR, which indexes files but is not one. */
    static final String DICOMDIR_SOP_CLASS = "1.2.840.10008.1.3.10";

    /**
     * Reads the facts from a header. Throws {@link NotAnInstanceException} when the file is DICOM but cannot be
     * placed in the tree (a DICOMDIR, or a required UID missing).
     */
    static IndexedFile fromHeader(Path path, DicomFile file) throws NotAnInstanceException {
        DicomObject ds = file.dataset();
        String sopClass = first(ds.getString(Tag.SOPClassUID),
                file.fileMeta().getString(Tag.MediaStorageSOPClassUID));
        if (DICOMDIR_SOP_CLASS.equals(sopClass) || ds.contains(Tag.DirectoryRecordSequence)) {
            throw new NotAnInstanceException(path, "a DICOMDIR (a directory of files, read it as one), not an image",
                    SkippedFile.Kind.NOTE);
        }
        String sop = first(ds.getString(Tag.SOPInstanceUID), file.fileMeta().getString(Tag.MediaStorageSOPInstanceUID));
        String study = ds.getString(Tag.StudyInstanceUID);
        String series = ds.getString(Tag.SeriesInstanceUID);
        if (sop == null || study == null || series == null) {
            String missing = sop == null ? "SOP Instance UID (0008,0018)"
                    : study == null ? "Study Instance UID (0020,000D)" : "Series Instance UID (0020,000E)";
            throw new NotAnInstanceException(path, "missing " + missing, SkippedFile.Kind.PROBLEM);
        }
        String modality = ds.getString(Tag.Modality);
        Instance instance = new Instance(path, sop, sopClass, integer(ds, Tag.InstanceNumber),
                ds.getInt(Tag.Rows, 0), ds.getInt(Tag.Columns, 0), Math.max(1, ds.getInt(Tag.NumberOfFrames, 1)),
                modality, file.transferSyntax().uid(), ds.getString(Tag.PhotometricInterpretation));
        return new IndexedFile(ds.getString(Tag.PatientID, ""), ds.getString(Tag.PatientName, ""), study,
                ds.getString(Tag.StudyDate), ds.getString(Tag.StudyDescription), ds.getString(Tag.AccessionNumber),
                series, integer(ds, Tag.SeriesNumber), modality, ds.getString(Tag.SeriesDescription), instance,
                DerivedObject.fromHeader(path, ds, sopClass, sop, series).orElse(null));
    }

    static Integer integer(DicomObject ds, int tag) {
        int[] v = ds.getInts(tag);
        return v.length == 0 ? null : v[0];
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** A readable DICOM file that is not an instance the tree can hold. */
    static final class NotAnInstanceException extends Exception {
        private static final long serialVersionUID = 1L;

        private final String reason;
        private final SkippedFile.Kind kind;

        NotAnInstanceException(Path path, String reason, SkippedFile.Kind kind) {
            super(path + ": " + reason);
            this.reason = reason;
            this.kind = kind;
        }

        String reason() {
            return reason;
        }

        SkippedFile.Kind kind() {
            return kind;
        }
    }
}
