package org.raylens.viewer.derived;

import java.util.List;

/**
 * One measurement group of a TID 1500 report (TID 1411, volumetric ROI measurements): which finding it tracks, the
 * segment it measures and the measurements made.
 *
 * @param segmentationSopInstanceUid the SEG the group's Referenced Segment names, or null when it names none
 * @param segmentNumber              that segment's number, 0 when none
 */
public record MeasurementGroup(String trackingIdentifier, String trackingUid, CodedConcept finding,
        CodedConcept findingSite, String segmentationSopInstanceUid, int segmentNumber, String sourceSeriesUid,
        List<Measurement> measurements) {

    public MeasurementGroup {
        measurements = List.copyOf(measurements);
    }

    /** True when this group measures a segment of the segmentation {@code sopInstanceUid}. */
    public boolean measures(String sopInstanceUid) {
        return sopInstanceUid != null && sopInstanceUid.equals(segmentationSopInstanceUid);
    }
}
