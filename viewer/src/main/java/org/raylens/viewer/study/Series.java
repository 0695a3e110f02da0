package org.raylens.viewer.study;

import java.util.List;

/**
 * One series: instances ordered by instance number, then SOP Instance UID, and the derived objects (segmentations,
 * parametric maps, reports) other series hold that were made from it; a series whose source images are not indexed
 * lists its own derived objects and has no instances.
 */
public record Series(String seriesInstanceUid, Integer seriesNumber, String modality, String description,
        List<Instance> instances, List<DerivedObject> derived) {
    public Series {
        instances = List.copyOf(instances);
        derived = List.copyOf(derived);
    }

    /** A series without derived objects. */
    public Series(String seriesInstanceUid, Integer seriesNumber, String modality, String description,
            List<Instance> instances) {
        this(seriesInstanceUid, seriesNumber, modality, description, instances, List.of());
    }
}
