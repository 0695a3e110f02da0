package org.raylens.overlays.export.dicom;

import org.raylens.viewer.derived.DerivedTags;
import java.util.List;
import java.util.Objects;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;

/**
 * The image a result was computed from: its header and, for a multi-frame source, the frame (1-based, as DICOM
 * numbers frames). It answers the questions every derived object asks: which instance, series and study to
 * reference, and whether the source lies in a patient frame of reference (CT, MR, enhanced objects: position,
 * orientation and spacing are then copied) or only in its own pixel space (DX, CR: projection images have no Image
 * Position/Orientation, so a derived object is matched to it by SOP Instance UID and frame, pixel for pixel).
 *
 * @param frame 1-based frame of a multi-frame source; 0 for a single-frame source
 */
public record SourceImage(DicomObject dataset, int frame) {

    public SourceImage {
        Objects.requireNonNull(dataset, "dataset");
        if (frame < 0) {
            throw new IllegalArgumentException("frame is 1-based (0 for single-frame sources): " + frame);
        }
    }

    /** A single-frame source. */
    public static SourceImage of(DicomObject dataset) {
        return new SourceImage(dataset, 0);
    }

    /**
     * The source behind an image URI and its header: the frame a {@code file:} URI names ({@code #frame=N}), the
     * first frame of a multi-frame file named as a whole, and 0 for a single-frame file.
     */
    public static SourceImage of(DicomObject dataset, java.net.URI uri)
            throws org.raylens.viewer.source.ImageSourceException {
        int frame = 0;
        if (uri != null && "file".equalsIgnoreCase(uri.getScheme())) {
            org.raylens.viewer.source.FileAddress address = org.raylens.viewer.source.FileAddress.parse(uri);
            frame = address.isFrame() ? address.frame() : 0;
        }
        int frames = dataset.getInt(Tag.NumberOfFrames, 1);
        return new SourceImage(dataset, frames > 1 ? Math.max(frame, 1) : 0);
    }

    String sopClass() {
        return dataset.getString(Tag.SOPClassUID);
    }

    String sopInstance() {
        return dataset.getString(Tag.SOPInstanceUID);
    }

    String seriesUid() {
        return dataset.getString(Tag.SeriesInstanceUID);
    }

    String studyUid() {
        return dataset.getString(Tag.StudyInstanceUID);
    }

    int rows() {
        return dataset.getInt(Tag.Rows, 0);
    }

    int columns() {
        return dataset.getInt(Tag.Columns, 0);
    }

    /** True when the source has several frames, so references name the frame. */
    boolean multiFrame() {
        return frame > 0 && dataset.getInt(Tag.NumberOfFrames, 1) > 1;
    }

    String frameOfReference() {
        return dataset.getString(DerivedTags.FrameOfReferenceUID);
    }

    /**
     * The source's patient geometry for the frame, or null when it has none (projection radiographs): position,
     * orientation and pixel spacing, from the top level (classic objects) or the frame's per-frame or shared
     * functional groups (enhanced multi-frame objects).
     */
    PatientGeometry geometry() {
        if (frameOfReference() == null) {
            return null;
        }
        double[] position = find(DerivedTags.PlanePositionSequence, DerivedTags.ImagePositionPatient);
        double[] orientation = find(DerivedTags.PlaneOrientationSequence, DerivedTags.ImageOrientationPatient);
        double[] spacing = find(DerivedTags.PixelMeasuresSequence, Tag.PixelSpacing);
        double[] thickness = find(DerivedTags.PixelMeasuresSequence, DerivedTags.SliceThickness);
        if (position == null || position.length != 3 || orientation == null || orientation.length != 6
                || spacing == null || spacing.length != 2) {
            return null;
        }
        return new PatientGeometry(position, orientation, spacing,
                thickness == null || thickness.length != 1 ? null : thickness[0]);
    }

    /** Position, orientation, spacing (row, column) and slice thickness (null when unknown) of one frame. */
    record PatientGeometry(double[] position, double[] orientation, double[] spacing, Double thickness) {}

    private double[] find(int functionalGroup, int tag) {
        double[] top = dataset.getDoubles(tag);
        if (top != null && top.length > 0) {
            return top;
        }
        List<DicomObject> perFrame = dataset.getSequence(DerivedTags.PerFrameFunctionalGroupsSequence);
        int index = Math.max(frame, 1) - 1;
        if (perFrame != null && index < perFrame.size()) {
            double[] v = inGroup(perFrame.get(index), functionalGroup, tag);
            if (v != null) {
                return v;
            }
        }
        List<DicomObject> shared = dataset.getSequence(DerivedTags.SharedFunctionalGroupsSequence);
        return shared == null || shared.isEmpty() ? null : inGroup(shared.get(0), functionalGroup, tag);
    }

    private static double[] inGroup(DicomObject groups, int functionalGroup, int tag) {
        List<DicomObject> items = groups.getSequence(functionalGroup);
        if (items == null || items.isEmpty()) {
            return null;
        }
        double[] v = items.get(0).getDoubles(tag);
        return v == null || v.length == 0 ? null : v;
    }
}
