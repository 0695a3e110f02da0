package org.raylens.viewer.derived;

import java.util.List;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;

/**
 * What a source image frame is known by when matching derived frames to it: its SOP Instance UID and frame number
 * (1-based), and, for objects that reference by position only, its Frame of Reference UID and Image Position
 * (Patient) (null when the image has none, as most radiographs).
 */
public record SourceImageKey(String sopInstanceUid, int frameNumber, String frameOfReferenceUid, double[] position) {

    public SourceImageKey {
        frameNumber = Math.max(1, frameNumber);
        position = position == null ? null : position.clone();
    }

    /**
     * The key of frame {@code frameNumber} (1-based) of the image whose header is {@code ds}: its position from the
     * frame's Plane Position functional group (enhanced multi-frame), else the top-level Image Position (Patient).
     */
    public static SourceImageKey of(DicomObject ds, int frameNumber) {
        double[] position = null;
        List<DicomObject> perFrame = ds.getSequence(DerivedTags.PerFrameFunctionalGroupsSequence);
        List<DicomObject> shared = ds.getSequence(DerivedTags.SharedFunctionalGroupsSequence);
        int index = Math.max(1, frameNumber) - 1;
        if (index < perFrame.size()) {
            DicomObject plane = DerivedFrames.group(perFrame.get(index),
                    shared.isEmpty() ? new DicomObject() : shared.get(0), DerivedTags.PlanePositionSequence);
            position = plane == null ? null : plane.getDoubles(DerivedTags.ImagePositionPatient);
        }
        if (position == null || position.length != 3) {
            position = ds.getDoubles(DerivedTags.ImagePositionPatient);
        }
        return new SourceImageKey(ds.getString(Tag.SOPInstanceUID), frameNumber,
                ds.getString(DerivedTags.FrameOfReferenceUID), position.length == 3 ? position : null);
    }

    @Override
    public double[] position() {
        return position == null ? null : position.clone();
    }
}
