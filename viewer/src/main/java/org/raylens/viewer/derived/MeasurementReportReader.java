package org.raylens.viewer.derived;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;

/**
 * Reads the measurements of a TID 1500 Imaging Measurement Report (Enhanced, Comprehensive or Comprehensive 3D SR):
 * the root container (126000, "Imaging Measurement Report"), its Imaging Measurements container (126010) and each
 * Measurement Group (125007) in it, with the group's Tracking Identifier (112039) and UID (112040), Finding (121071),
 * Finding Site, Referenced Segment (121191, an IMAGE item naming a SEG and segment number), Source series (121232),
 * and its NUM items with their units and modifiers. Qualitative evaluations and planar ROIs are not read.
 *
 * <p>A document that is not an SR or whose root is another template is refused with a
 * {@link NotAMeasurementReportException}; a group without measurements is kept (it still names its finding and segment).
 */
public final class MeasurementReportReader {

    /** SR storage classes a TID 1500 report may be stored as. */
    public static final Set<String> SOP_CLASSES = Set.of("1.2.840.10008.5.1.4.1.1.88.22",
            "1.2.840.10008.5.1.4.1.1.88.33", "1.2.840.10008.5.1.4.1.1.88.34", "1.2.840.10008.5.1.4.1.1.88.35");

    private static final String DCM = "DCM";

    public MeasurementReport read(Path path) throws DicomException {
        DicomFile file = DicomReader.readHeader(path);
        return read(file);
    }

    public MeasurementReport read(DicomFile file) throws DicomException {
        Path path = file.path();
        DicomObject ds = file.dataset();
        String sopClass = ds.getString(Tag.SOPClassUID);
        if (!SOP_CLASSES.contains(sopClass)) {
            throw new NotAMeasurementReportException("not a structured report that can hold TID 1500 (SOP Class " + sopClass
                    + ")", path, Tag.SOPClassUID);
        }
        CodedConcept title = CodedConcept.first(ds, DerivedTags.ConceptNameCodeSequence);
        if (title == null || !title.is(DCM, "126000")) {
            throw new NotAMeasurementReportException("not a TID 1500 measurement report: the document title is "
                    + (title == null ? "missing" : "'" + title + "'") + ", not (126000, DCM, Imaging Measurement"
                    + " Report)", path, DerivedTags.ConceptNameCodeSequence);
        }
        String observer = null;
        List<MeasurementGroup> groups = new ArrayList<>();
        for (DicomObject item : ds.getSequence(DerivedTags.ContentSequence)) {
            CodedConcept name = CodedConcept.first(item, DerivedTags.ConceptNameCodeSequence);
            if (name != null && name.is(DCM, "121008")) {
                observer = item.getText(DerivedTags.PersonName);
            }
            if (name != null && name.is(DCM, "126010")) {
                for (DicomObject group : item.getSequence(DerivedTags.ContentSequence)) {
                    CodedConcept groupName = CodedConcept.first(group, DerivedTags.ConceptNameCodeSequence);
                    if (groupName != null && groupName.is(DCM, "125007")) {
                        groups.add(group(group, path));
                    }
                }
            }
        }
        return new MeasurementReport(path, ds.getString(Tag.SOPInstanceUID), ds.getString(Tag.SeriesDescription),
                observer, groups);
    }

    private static MeasurementGroup group(DicomObject group, Path path) throws DerivedObjectException {
        String trackingId = null;
        String trackingUid = null;
        CodedConcept finding = null;
        CodedConcept site = null;
        String segUid = null;
        int segment = 0;
        String sourceSeries = null;
        List<Measurement> measurements = new ArrayList<>();
        for (DicomObject item : group.getSequence(DerivedTags.ContentSequence)) {
            CodedConcept name = CodedConcept.first(item, DerivedTags.ConceptNameCodeSequence);
            String valueType = item.getString(DerivedTags.ValueType);
            if (name == null || valueType == null) {
                continue;
            }
            switch (valueType) {
                case "TEXT" -> {
                    if (name.is(DCM, "112039")) {
                        trackingId = item.getText(DerivedTags.TextValue);
                    }
                }
                case "UIDREF" -> {
                    if (name.is(DCM, "112040")) {
                        trackingUid = item.getString(DerivedTags.UID);
                    } else if (name.is(DCM, "121232")) {
                        sourceSeries = item.getString(DerivedTags.UID);
                    }
                }
                case "CODE" -> {
                    CodedConcept value = CodedConcept.first(item, DerivedTags.ConceptCodeSequence);
                    if (name.is(DCM, "121071")) {
                        finding = value;
                    } else if (isFindingSite(name)) {
                        site = value;
                    }
                }
                case "IMAGE" -> {
                    if (name.is(DCM, "121191")) {
                        List<DicomObject> refs = item.getSequence(DerivedTags.ReferencedSOPSequence);
                        if (refs.isEmpty()) {
                            throw new DerivedObjectException("a Referenced Segment item has no Referenced SOP"
                                    + " Sequence", path, DerivedTags.ReferencedSOPSequence);
                        }
                        segUid = refs.get(0).getString(Tag.ReferencedSOPInstanceUID);
                        segment = refs.get(0).getInt(DerivedTags.ReferencedSegmentNumber, 0);
                    }
                }
                case "NUM" -> measurements.add(measurement(item, name));
                default -> {
                    // containers, composites (the RWVM used) and dates qualify the group; the table does not show them
                }
            }
        }
        return new MeasurementGroup(trackingId, trackingUid, finding, site, segUid, segment, sourceSeries,
                measurements);
    }

    private static boolean isFindingSite(CodedConcept name) {
        return name.is("SRT", "G-C0E3") || name.is("SCT", "363698007");
    }

    private static Measurement measurement(DicomObject item, CodedConcept name) {
        List<DicomObject> values = item.getSequence(DerivedTags.MeasuredValueSequence);
        double value = Double.NaN;
        String text = "";
        CodedConcept units = null;
        if (!values.isEmpty()) {
            DicomObject v = values.get(0);
            text = v.getString(DerivedTags.NumericValue, "");
            double[] parsed = v.getDoubles(DerivedTags.NumericValue);
            value = parsed.length == 0 ? Double.NaN : parsed[0];
            units = CodedConcept.first(v, DerivedTags.MeasurementUnitsCodeSequence);
        }
        List<String> modifiers = new ArrayList<>();
        for (DicomObject modifier : item.getSequence(DerivedTags.ContentSequence)) {
            CodedConcept modName = CodedConcept.first(modifier, DerivedTags.ConceptNameCodeSequence);
            CodedConcept modValue = CodedConcept.first(modifier, DerivedTags.ConceptCodeSequence);
            if (modName != null && modValue != null) {
                modifiers.add(modName + ": " + modValue);
            }
        }
        return new Measurement(name, value, text, units, modifiers);
    }
}
