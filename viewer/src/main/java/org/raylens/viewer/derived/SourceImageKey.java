package org.raylens.viewer.derived;

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

    @Override
    public double[] position() {
        return position == null ? null : position.clone();
    }
}
