package org.raylens.viewer.derived;

/**
 * The image frame one frame of a derived object was made from: a SOP Instance UID and, for a multi-frame source, a
 * frame number (1-based; 0 when the reference names no frame, which for a single-frame source means its one image).
 */
public record SourceFrameRef(String sopInstanceUid, int frameNumber) {

    /** True when this reference names frame {@code frame} (1-based) of {@code sopUid}. */
    public boolean matches(String sopUid, int frame) {
        return sopInstanceUid.equals(sopUid) && (frameNumber == 0 ? frame <= 1 : frameNumber == frame);
    }
}
