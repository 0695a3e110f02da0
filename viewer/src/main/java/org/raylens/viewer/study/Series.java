package org.raylens.viewer.study;

import java.util.List;

/** One series: instances ordered by instance number, then SOP Instance UID. */
public record Series(String seriesInstanceUid, Integer seriesNumber, String modality, String description,
        List<Instance> instances) {
    public Series {
        instances = List.copyOf(instances);
    }
}
