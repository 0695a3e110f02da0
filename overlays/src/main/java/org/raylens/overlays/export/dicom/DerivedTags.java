package org.raylens.overlays.export.dicom;

/**
 * Tags of the enhanced multi-frame, Segmentation, Parametric Map and SR modules that only the derived-object writers
 * use; the viewer's {@code Tag} holds the ones its reader needs. Values are (gggg << 16 | eeee).
 */
final class DerivedTags {
    private DerivedTags() {}

    static final int InstanceCreationDate = 0x00080012;
    static final int InstanceCreationTime = 0x00080013;
    static final int SeriesTime = 0x00080031;
    static final int CodeValue = 0x00080100;
    static final int CodingSchemeDesignator = 0x00080102;
    static final int CodeMeaning = 0x00080104;
    static final int ReferencedPerformedProcedureStepSequence = 0x00081111;
    static final int ReferencedImageSequence = 0x00081140;
    static final int ReferencedInstanceSequence = 0x0008114A;
    static final int ReferencedFrameNumber = 0x00081160;
    static final int DerivationCodeSequence = 0x00089215;
    static final int DerivationImageSequence = 0x00089124;
    static final int DeviceSerialNumber = 0x00181000;
    static final int SoftwareVersions = 0x00181020;
    static final int ContentQualification = 0x00189004;
    static final int SliceThickness = 0x00180050;
    static final int ImagePositionPatient = 0x00200032;
    static final int ImageOrientationPatient = 0x00200037;
    static final int FrameOfReferenceUID = 0x00200052;
    static final int PositionReferenceIndicator = 0x00201040;
    static final int DimensionOrganizationUID = 0x00209164;
    static final int DimensionIndexPointer = 0x00209165;
    static final int FunctionalGroupPointer = 0x00209167;
    static final int DimensionDescriptionLabel = 0x00209421;
    static final int DimensionOrganizationSequence = 0x00209221;
    static final int DimensionIndexSequence = 0x00209222;
    static final int DimensionOrganizationType = 0x00209311;
    static final int FrameContentSequence = 0x00209111;
    static final int DimensionIndexValues = 0x00209157;
    static final int PlanePositionSequence = 0x00209113;
    static final int PlaneOrientationSequence = 0x00209116;
    static final int PixelMeasuresSequence = 0x00289110;
    static final int PixelValueTransformationSequence = 0x00289145;
    static final int FrameVOILUTSequence = 0x00289132;
    static final int RecognizableVisualFeatures = 0x00280302;
    static final int BurnedInAnnotation = 0x00280301;
    static final int PatientIdentityRemoved = 0x00120062;
    static final int DeidentificationMethod = 0x00120063;
    static final int SegmentationType = 0x00620001;
    static final int SegmentSequence = 0x00620002;
    static final int SegmentedPropertyCategoryCodeSequence = 0x00620003;
    static final int SegmentNumber = 0x00620004;
    static final int SegmentLabel = 0x00620005;
    static final int SegmentDescription = 0x00620006;
    static final int SegmentAlgorithmType = 0x00620008;
    static final int SegmentAlgorithmName = 0x00620009;
    static final int SegmentIdentificationSequence = 0x0062000A;
    static final int ReferencedSegmentNumber = 0x0062000B;
    static final int RecommendedDisplayCIELabValue = 0x0062000D;
    static final int MaximumFractionalValue = 0x0062000E;
    static final int SegmentedPropertyTypeCodeSequence = 0x0062000F;
    static final int SegmentationFractionalType = 0x00620010;
    static final int ContentLabel = 0x00700080;
    static final int ContentDescription = 0x00700081;
    static final int ContentCreatorName = 0x00700084;
    static final int RealWorldValueMappingSequence = 0x00409096;
    static final int LUTLabel = 0x00409210;
    static final int RealWorldValueLastValueMapped = 0x00409211;
    static final int RealWorldValueFirstValueMapped = 0x00409216;
    static final int RealWorldValueIntercept = 0x00409224;
    static final int RealWorldValueSlope = 0x00409225;
    static final int DoubleFloatRealWorldValueLastValueMapped = 0x00409213;
    static final int DoubleFloatRealWorldValueFirstValueMapped = 0x00409214;
    static final int MeasurementUnitsCodeSequence = 0x004008EA;
    static final int QuantityDefinitionSequence = 0x00409220;
    static final int PurposeOfReferenceCodeSequence = 0x0040A170;
    static final int ValueType = 0x0040A040;
    static final int ConceptNameCodeSequence = 0x0040A043;
    static final int ContinuityOfContent = 0x0040A050;
    static final int RelationshipType = 0x0040A010;
    static final int ContentSequence = 0x0040A730;
    static final int TextValue = 0x0040A160;
    static final int UID = 0x0040A124;
    static final int ConceptCodeSequence = 0x0040A168;
    static final int MeasuredValueSequence = 0x0040A300;
    static final int NumericValue = 0x0040A30A;
    static final int ContentTemplateSequence = 0x0040A504;
    static final int TemplateIdentifier = 0x0040DB00;
    static final int MappingResource = 0x00080105;
    static final int CompletionFlag = 0x0040A491;
    static final int VerificationFlag = 0x0040A493;
    static final int PerformedProcedureCodeSequence = 0x0040A372;
    static final int ReferencedSOPSequence = 0x00081199;
    static final int CurrentRequestedProcedureEvidenceSequence = 0x0040A375;
    static final int LargestImagePixelValue = 0x00280107;
    static final int SharedFunctionalGroupsSequence = 0x52009229;
    static final int PerFrameFunctionalGroupsSequence = 0x52009230;
    static final int SpacingBetweenSlices = 0x00180088;
}
