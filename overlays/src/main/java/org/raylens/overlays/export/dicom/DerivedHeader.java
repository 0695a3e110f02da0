package org.raylens.overlays.export.dicom;

import org.raylens.viewer.derived.DerivedTags;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.raylens.overlays.export.ExportException;
import org.raylens.viewer.dicom.DicomWriteException;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.SpecificCharacterSet;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.UidGenerator;
import org.raylens.viewer.dicom.VR;

/**
 * The modules every RayLens derived object (SEG, Parametric Map, SR) shares: Patient, General Study, General Series,
 * (Enhanced) General Equipment, SOP Common, the content date and time, and the references to the source — built once
 * here so that the three writers differ only in their own modules.
 *
 * <p>With {@link Linkage#LINKED} the patient and study are the source's and references carry the source's UIDs; with
 * {@link Linkage#DEIDENTIFIED} patient and study attributes are empty, Patient Identity Removed is YES, and every
 * source UID is replaced by a fresh random one, the same replacement wherever the object uses it.
 */
final class DerivedHeader {

    /** Patient and study attributes copied when linked (all type 2 in these IODs), with their VRs. */
    private static final List<Object[]> PATIENT_AND_STUDY = List.of(
            new Object[] {Tag.PatientName, VR.PN}, new Object[] {Tag.PatientID, VR.LO},
            new Object[] {Tag.PatientBirthDate, VR.DA}, new Object[] {Tag.PatientSex, VR.CS},
            new Object[] {Tag.StudyDate, VR.DA}, new Object[] {Tag.StudyTime, VR.TM},
            new Object[] {Tag.ReferringPhysicianName, VR.PN}, new Object[] {Tag.StudyID, VR.SH},
            new Object[] {Tag.AccessionNumber, VR.SH});

    private final SourceImage source;
    private final Linkage linkage;
    private final ZonedDateTime now;
    private final Map<String, String> replacedUids = new HashMap<>();

    DerivedHeader(SourceImage source, Linkage linkage, ZonedDateTime now, java.nio.file.Path target)
            throws ExportException {
        this.source = source;
        this.linkage = linkage;
        this.now = now;
        if (source.studyUid() == null || source.seriesUid() == null || source.sopInstance() == null
                || source.sopClass() == null) {
            throw new ExportException("the source has no Study, Series or SOP Instance UID or SOP Class UID to "
                    + "refer to: derived DICOM objects need a DICOM source image", target);
        }
        if (source.rows() <= 0 || source.columns() <= 0) {
            throw new ExportException("the source has no Rows/Columns", target);
        }
    }

    /** The UID to write for a source UID: itself when linked, its one replacement when de-identified. */
    String uid(String sourceUid) {
        return linkage == Linkage.LINKED ? sourceUid
                : replacedUids.computeIfAbsent(sourceUid, k -> UidGenerator.random());
    }

    SourceImage source() {
        return source;
    }

    String date() {
        return now.format(DateTimeFormatter.BASIC_ISO_DATE).substring(0, 8);
    }

    String time() {
        return now.format(DateTimeFormatter.ofPattern("HHmmss"));
    }

    /**
     * A new dataset with the shared modules filled in.
     *
     * @param seriesNumberBase e.g. 9100: the series number is this plus the source's series number modulo 100
     */
    DicomObject common(String sopClass, String modality, String seriesDescription, int seriesNumberBase,
            AlgorithmIdentity algorithm) {
        DicomObject src = source.dataset();
        // UTF-8 throughout (labels, provenance and names may be any text); items inherit it (see item())
        DicomObject d = new DicomObject();
        d.setString(Tag.SpecificCharacterSet, VR.CS, SpecificCharacterSet.UTF_8.term());
        d.setCharacterSet(SpecificCharacterSet.UTF_8);
        d.setString(Tag.SOPClassUID, VR.UI, sopClass);
        d.setString(Tag.SOPInstanceUID, VR.UI, UidGenerator.random());
        d.setString(DerivedTags.InstanceCreationDate, VR.DA, date());
        d.setString(DerivedTags.InstanceCreationTime, VR.TM, time());
        for (Object[] copied : PATIENT_AND_STUDY) {
            int tag = (Integer) copied[0];
            String value = linkage == Linkage.LINKED ? src.getString(tag) : null;
            d.setString(tag, (VR) copied[1], value == null ? "" : value);
        }
        if (linkage == Linkage.DEIDENTIFIED) {
            d.setString(DerivedTags.PatientIdentityRemoved, VR.CS, "YES");
            d.setString(DerivedTags.DeidentificationMethod, VR.LO,
                    "RayLens: patient and study attributes removed, all UIDs replaced");
        }
        d.setString(Tag.StudyInstanceUID, VR.UI, uid(source.studyUid()));
        d.setString(Tag.SeriesInstanceUID, VR.UI, UidGenerator.random());
        d.setString(Tag.Modality, VR.CS, modality);
        d.setInts(Tag.SeriesNumber, VR.IS, seriesNumberBase + Math.floorMod(src.getInt(Tag.SeriesNumber, 0), 100));
        d.setInts(Tag.InstanceNumber, VR.IS, 1);
        d.setString(Tag.SeriesDate, VR.DA, date());
        d.setString(DerivedTags.SeriesTime, VR.TM, time());
        d.setString(Tag.ContentDate, VR.DA, date());
        d.setString(Tag.ContentTime, VR.TM, time());
        d.setString(Tag.SeriesDescription, VR.LO, clip(seriesDescription, 64));
        // General and Enhanced General Equipment: the software is the device
        d.setString(Tag.Manufacturer, VR.LO, "RayLens");
        d.setString(Tag.ManufacturerModelName, VR.LO, "RayLens");
        d.setString(DerivedTags.DeviceSerialNumber, VR.LO, "none");
        d.setString(DerivedTags.SoftwareVersions, VR.LO, clip(algorithm.softwareVersion(), 64));
        return d;
    }

    /** Referenced Series Sequence of the Common Instance Reference module: the source's series and instance. */
    List<DicomObject> referencedSeries() {
        DicomObject instance = DerivedHeader.item();
        instance.setString(Tag.ReferencedSOPClassUID, VR.UI, source.sopClass());
        instance.setString(Tag.ReferencedSOPInstanceUID, VR.UI, uid(source.sopInstance()));
        DicomObject series = DerivedHeader.item();
        series.setSequence(DerivedTags.ReferencedInstanceSequence, List.of(instance));
        series.setString(Tag.SeriesInstanceUID, VR.UI, uid(source.seriesUid()));
        return List.of(series);
    }

    /** An item referencing the source instance (and its frame, for multi-frame sources). */
    DicomObject sourceReference() {
        DicomObject item = DerivedHeader.item();
        item.setString(Tag.ReferencedSOPClassUID, VR.UI, source.sopClass());
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, uid(source.sopInstance()));
        if (source.multiFrame()) {
            item.setInts(DerivedTags.ReferencedFrameNumber, VR.IS, source.frame());
        }
        return item;
    }

    /**
     * The Derivation Image functional group of one frame: the source (and frame) as "source image for image
     * processing", with {@code derivation} as the derivation code.
     */
    DicomObject derivationImage(Code derivation, String description) {
        DicomObject sourceItem = sourceReference();
        sourceItem.setSequence(DerivedTags.PurposeOfReferenceCodeSequence,
                List.of(Code.SOURCE_FOR_PROCESSING.item()));
        DicomObject derivationItem = DerivedHeader.item();
        derivationItem.setString(Tag.DerivationDescription, VR.ST, clip(description, 1024));
        derivationItem.setSequence(DerivedTags.DerivationCodeSequence, List.of(derivation.item()));
        derivationItem.setSequence(Tag.SourceImageSequence, List.of(sourceItem));
        return derivationItem;
    }

    /**
     * Patient Orientation (type 2C in General Image: required when no Plane Orientation functional group says the
     * orientation): the source's, as the derived frames lie pixel for pixel on it; empty when it has none.
     */
    void patientOrientationWithoutGeometry(DicomObject d, SourceImage.PatientGeometry geometry) {
        if (geometry == null) {
            String[] orientation = source.dataset().getStrings(Tag.PatientOrientation);
            d.setString(Tag.PatientOrientation, VR.CS, orientation.length == 2 ? orientation : new String[] {""});
        }
    }

    /** Frame of Reference of the source (replaced when de-identified), or null when the source has none. */
    String frameOfReference() {
        String f = source.frameOfReference();
        return f == null ? null : uid(f);
    }

    /**
     * A new sequence item under the dataset's UTF-8 character set, so that non-ASCII text in an item is encoded
     * as the top-level (0008,0005) says rather than each item declaring its own.
     */
    static DicomObject item() {
        return new DicomObject(false, SpecificCharacterSet.UTF_8);
    }

    /**
     * {@code s} cut to at most {@code max} bytes of UTF-8, never inside a character: length limits of the VRs are
     * checked in bytes by validators (dciodvfy), and a label such as "CLS → patches" has characters of 3 bytes.
     */
    static String clip(String s, int max) {
        if (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= max) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (bytes + n > max) {
                break;
            }
            out.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Writes a derived object built for {@code target} (atomically, through the DICOM writer). */
    static void write(DicomObject dataset, Path target, boolean overwrite, String what) throws ExportException {
        DicomWriter writer = overwrite ? new DicomWriter().overwriting() : new DicomWriter();
        try {
            writer.write(target, dataset, null);
        } catch (DicomWriteException e) {
            throw new ExportException("cannot write the " + what, target, e);
        }
    }
}
