package org.raylens.viewer.derived;

import java.nio.file.Path;
import java.util.List;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;

/**
 * Writes a small TID 1500 Comprehensive SR on dcmqi's label.seg (segment 1, "Liver") into a test's temporary
 * folder: one measurement group tracking "liver" with a Volume of 0.385875 ml (315 pixels × 0.7 × 0.7 × 2.5 mm³,
 * the segment on slice 2) and a Mean of 1.5 {HU}. The shared data hold no report on that SEG.
 */
public final class TinyMeasurementReport {

    public static final String SEG_UID = "1.2.276.0.7230010.3.1.4.0.36063.1519964165.238879";
    static final String SEG_SERIES = "1.2.276.0.7230010.3.1.3.0.36063.1519964165.238878";
    static final String STUDY = "1.2.826.0.1.3680043.2.1125.1.38642757998921184026476030292472423";
    static final String SEG_CLASS = "1.2.840.10008.5.1.4.1.1.66.4";

    private TinyMeasurementReport() {
    }

    public static void write(Path file) throws Exception {
        DicomObject ds = new DicomObject();
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.88.33");
        ds.setString(Tag.SOPInstanceUID, VR.UI, "2.25.1600160016001600");
        ds.setString(Tag.StudyInstanceUID, VR.UI, STUDY);
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.1600160016001601");
        ds.setString(Tag.Modality, VR.CS, "SR");
        ds.setString(Tag.PatientName, VR.PN, "Anonymous");
        ds.setString(Tag.PatientID, VR.LO, "123456");
        ds.setString(Tag.StudyDate, VR.DA, "20060101");
        ds.setString(Tag.SeriesDescription, VR.LO, "Liver measurements");
        ds.setString(DerivedTags.ValueType, VR.CS, "CONTAINER");
        ds.setSequence(DerivedTags.ConceptNameCodeSequence, List.of(code("126000", "DCM",
                "Imaging Measurement Report")));
        DicomObject segRef = new DicomObject().setString(Tag.ReferencedSOPClassUID, VR.UI, SEG_CLASS)
                .setString(Tag.ReferencedSOPInstanceUID, VR.UI, SEG_UID);
        DicomObject series = new DicomObject().setString(Tag.SeriesInstanceUID, VR.UI, SEG_SERIES)
                .setSequence(DerivedTags.ReferencedSOPSequence, List.of(segRef));
        DicomObject evidence = new DicomObject().setString(Tag.StudyInstanceUID, VR.UI, STUDY)
                .setSequence(Tag.ReferencedSeriesSequence, List.of(series));
        ds.setSequence(DerivedTags.CurrentRequestedProcedureEvidenceSequence, List.of(evidence));

        DicomObject segment = item("CONTAINS", "IMAGE", code("121191", "DCM", "Referenced Segment"));
        segment.setSequence(DerivedTags.ReferencedSOPSequence, List.of(new DicomObject()
                .setString(Tag.ReferencedSOPClassUID, VR.UI, SEG_CLASS)
                .setString(Tag.ReferencedSOPInstanceUID, VR.UI, SEG_UID)
                .setInts(DerivedTags.ReferencedSegmentNumber, VR.US, 1)));
        DicomObject tracking = item("HAS OBS CONTEXT", "TEXT", code("112039", "DCM", "Tracking Identifier"))
                .setString(DerivedTags.TextValue, VR.UT, "liver");
        DicomObject mean = num(code("112031", "DCM", "Attenuation Coefficient"), "1.5", code("[hnsf'U]", "UCUM",
                "Hounsfield unit"));
        mean.setSequence(DerivedTags.ContentSequence, List.of(item("HAS CONCEPT MOD", "CODE",
                code("121401", "DCM", "Derivation")).setSequence(DerivedTags.ConceptCodeSequence,
                List.of(code("R-00317", "SRT", "Mean")))));
        DicomObject group = item("CONTAINS", "CONTAINER", code("125007", "DCM", "Measurement Group"))
                .setSequence(DerivedTags.ContentSequence, List.of(tracking, segment,
                        num(code("G-D705", "SRT", "Volume"), "0.385875", code("ml", "UCUM", "milliliter")), mean));
        DicomObject measurements = item("CONTAINS", "CONTAINER", code("126010", "DCM", "Imaging Measurements"))
                .setSequence(DerivedTags.ContentSequence, List.of(group));
        ds.setSequence(DerivedTags.ContentSequence, List.of(measurements));
        new DicomWriter().write(file, ds, null);
    }

    private static DicomObject item(String relationship, String valueType, DicomObject conceptName) {
        return new DicomObject().setString(DerivedTags.RelationshipType, VR.CS, relationship)
                .setString(DerivedTags.ValueType, VR.CS, valueType)
                .setSequence(DerivedTags.ConceptNameCodeSequence, List.of(conceptName));
    }

    private static DicomObject num(DicomObject name, String value, DicomObject units) {
        DicomObject measured = new DicomObject().setString(DerivedTags.NumericValue, VR.DS, value)
                .setSequence(DerivedTags.MeasurementUnitsCodeSequence, List.of(units));
        return item("CONTAINS", "NUM", name).setSequence(DerivedTags.MeasuredValueSequence, List.of(measured));
    }

    private static DicomObject code(String value, String scheme, String meaning) {
        return new DicomObject().setString(CodedConcept.CodeValue, VR.SH, value)
                .setString(CodedConcept.CodingSchemeDesignator, VR.SH, scheme)
                .setString(CodedConcept.CodeMeaning, VR.LO, meaning);
    }
}
