package org.raylens.viewer.sample;

/**
 * Tags only the sample study writes. They live here rather than in {@code viewer.dicom.Tag}, which holds the tags
 * the reading code refers to, so the sample generator does not widen that shared contract.
 */
final class SampleTags {
    private SampleTags() {}

    static final int SeriesTime = 0x00080031;
    static final int AcquisitionDate = 0x00080022;
    static final int AcquisitionTime = 0x00080032;
    static final int PresentationIntentType = 0x00080068;
    static final int CodeValue = 0x00080100;
    static final int CodingSchemeDesignator = 0x00080102;
    static final int CodeMeaning = 0x00080104;
    static final int AnatomicRegionSequence = 0x00082218;
    static final int PatientComments = 0x00104000;
    static final int SoftwareVersions = 0x00181020;
    static final int DetectorType = 0x00187004;
    static final int BurnedInAnnotation = 0x00280301;
    static final int PixelIntensityRelationship = 0x00281040;
    static final int PixelIntensityRelationshipSign = 0x00281041;
}
