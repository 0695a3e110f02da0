package org.raylens.viewer.derived;

import java.util.List;

/**
 * What the functional groups say about one frame of a Segmentation or Parametric Map: which segment it belongs to
 * (0 for a Parametric Map), the source frames it was derived from (Derivation Image Sequence → Source Image Sequence)
 * and where it lies (Plane Position (Patient)), the two ways to find the image it goes over.
 *
 * @param index    0-based frame index in the object's pixel data
 * @param position Image Position (Patient) in mm, or null when the object gives none
 */
public record DerivedFrame(int index, int segmentNumber, List<SourceFrameRef> sources, double[] position) {

    public DerivedFrame {
        sources = List.copyOf(sources);
        position = position == null ? null : position.clone();
    }

    @Override
    public double[] position() {
        return position == null ? null : position.clone();
    }

    /** True when a source reference names frame {@code frame} (1-based) of {@code sopUid}. */
    public boolean derivedFrom(String sopUid, int frame) {
        return sources.stream().anyMatch(r -> r.matches(sopUid, frame));
    }

    /** True when this frame lies at {@code other} (mm), within {@code toleranceMm} on each axis. */
    public boolean liesAt(double[] other, double toleranceMm) {
        if (position == null || other == null || other.length != 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (Math.abs(position[i] - other[i]) > toleranceMm) {
                return false;
            }
        }
        return true;
    }
}
