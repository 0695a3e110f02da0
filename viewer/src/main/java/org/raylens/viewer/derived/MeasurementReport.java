package org.raylens.viewer.derived;

import java.nio.file.Path;
import java.util.List;

/**
 * A DICOM SR Imaging Measurement Report (TID 1500) as {@link MeasurementReportReader} reads it: its measurement
 * groups in document order, and the SOP Instance UIDs of the segmentations they reference.
 */
public record MeasurementReport(Path file, String sopInstanceUid, String seriesDescription, String observer,
        List<MeasurementGroup> groups) {

    public MeasurementReport {
        groups = List.copyOf(groups);
    }

    /** The segmentations the groups measure, each once, in order. */
    public List<String> referencedSegmentations() {
        return groups.stream().map(MeasurementGroup::segmentationSopInstanceUid)
                .filter(java.util.Objects::nonNull).distinct().toList();
    }
}
