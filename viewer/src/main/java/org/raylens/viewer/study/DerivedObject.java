package org.raylens.viewer.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;

/**
 * An object another tool derived from images — a Segmentation, Parametric Map, Real World Value Mapping or Structured
 * Report — as the index knows it from its header: what it is and which series and instances it references. The index
 * lists it under the series it was made from (see {@link Series#derived()}), not as an image of its own.
 *
 * @param referencedSeriesUids   Series Instance UIDs of the Referenced Series Sequence (SEG, PM, RWVM) or of the
 *                               Current Requested Procedure Evidence Sequence (SR), in order
 * @param referencedInstanceUids the SOP Instance UIDs listed there
 */
public record DerivedObject(Path path, String sopInstanceUid, String sopClassUid, Kind kind,
        String seriesInstanceUid, String seriesDescription, List<String> referencedSeriesUids,
        List<String> referencedInstanceUids) {

    /** The derived object types the index recognises, by SOP Class UID. */
    public enum Kind {
        SEGMENTATION("SEG", "Segmentation"),
        PARAMETRIC_MAP("PM", "Parametric Map"),
        REAL_WORLD_VALUE_MAPPING("RWV", "Real World Value Mapping"),
        STRUCTURED_REPORT("SR", "Structured Report");

        private final String abbreviation;
        private final String title;

        Kind(String abbreviation, String title) {
            this.abbreviation = abbreviation;
            this.title = title;
        }

        public String abbreviation() {
            return abbreviation;
        }

        public String title() {
            return title;
        }

        /** The kind of a SOP Class UID, if it is one of the derived object types. */
        public static Optional<Kind> of(String sopClassUid) {
            if (sopClassUid == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(switch (sopClassUid) {
                case "1.2.840.10008.5.1.4.1.1.66.4" -> SEGMENTATION;
                case "1.2.840.10008.5.1.4.1.1.30" -> PARAMETRIC_MAP;
                case "1.2.840.10008.5.1.4.1.1.67" -> REAL_WORLD_VALUE_MAPPING;
                case "1.2.840.10008.5.1.4.1.1.88.11", "1.2.840.10008.5.1.4.1.1.88.22", "1.2.840.10008.5.1.4.1.1.88.33",
                        "1.2.840.10008.5.1.4.1.1.88.34", "1.2.840.10008.5.1.4.1.1.88.35" -> STRUCTURED_REPORT;
                default -> null;
            });
        }
    }

    private static final int ReferencedInstanceSequence = 0x0008114A;
    private static final int ReferencedSOPSequence = 0x00081199;
    private static final int CurrentRequestedProcedureEvidenceSequence = 0x0040A375;

    public DerivedObject {
        referencedSeriesUids = List.copyOf(referencedSeriesUids);
        referencedInstanceUids = List.copyOf(referencedInstanceUids);
    }

    /** The derived object a header describes, or empty when its SOP class is not a derived object type. */
    static Optional<DerivedObject> fromHeader(Path path, DicomObject ds, String sopClass, String sopUid,
            String seriesUid) {
        Optional<Kind> kind = Kind.of(sopClass);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        List<String> series = new ArrayList<>();
        List<String> instances = new ArrayList<>();
        collect(ds.getSequence(Tag.ReferencedSeriesSequence), series, instances);
        for (DicomObject evidence : ds.getSequence(CurrentRequestedProcedureEvidenceSequence)) {
            collect(evidence.getSequence(Tag.ReferencedSeriesSequence), series, instances);
        }
        return Optional.of(new DerivedObject(path, sopUid, sopClass, kind.get(), seriesUid,
                ds.getString(Tag.SeriesDescription), series, instances));
    }

    private static void collect(List<DicomObject> referencedSeries, List<String> series, List<String> instances) {
        for (DicomObject item : referencedSeries) {
            String uid = item.getString(Tag.SeriesInstanceUID);
            if (uid != null && !series.contains(uid)) {
                series.add(uid);
            }
            for (int tag : new int[] {ReferencedInstanceSequence, ReferencedSOPSequence}) {
                for (DicomObject ref : item.getSequence(tag)) {
                    String sop = ref.getString(Tag.ReferencedSOPInstanceUID);
                    if (sop != null) {
                        instances.add(sop);
                    }
                }
            }
        }
    }

    /** "SEG Segmentation 24x38x3" — the kind and the series description, for a browser row. */
    public String label() {
        String description = seriesDescription == null || seriesDescription.isBlank() ? kind.title()
                : seriesDescription;
        return kind.abbreviation() + " " + description;
    }

    /** True when the object lists {@code sopInstanceUid} among its references. */
    public boolean references(String sopInstanceUid) {
        return referencedInstanceUids.contains(sopInstanceUid);
    }

    @Override
    public String toString() {
        return label().toLowerCase(Locale.ROOT) + " " + path;
    }
}
