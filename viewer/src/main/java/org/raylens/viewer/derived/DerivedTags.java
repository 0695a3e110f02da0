package org.raylens.viewer.derived;

/**
 * Tags of the enhanced multi-frame, Segmentation, Parametric Map and SR modules beyond {@code viewer.dicom.Tag}: the
 * one list for this package's readers and the overlays module's writers of the same objects. Values are
 * (gggg << 16 | eeee).
 */
public final class DerivedTags {
    private DerivedTags() {
    }

    public static final int ReferencedFrameNumber = 0x00081160;
    public static final int ReferencedInstanceSequence = 0x0008114A;
    public static final int ReferencedSOPSequence = 0x00081199;
    public static final int DerivationImageSequence = 0x00089124;
    public static final int ImagePositionPatient = 0x00200032;
    public static final int FrameOfReferenceUID = 0x00200052;
    public static final int PlanePositionSequence = 0x00209113;
    public static final int FrameContentSequence = 0x00209111;

    public static final int SegmentationType = 0x00620001;
    public static final int SegmentSequence = 0x00620002;
    public static final int SegmentedPropertyCategoryCodeSequence = 0x00620003;
    public static final int SegmentNumber = 0x00620004;
    public static final int SegmentLabel = 0x00620005;
    public static final int SegmentDescription = 0x00620006;
    public static final int SegmentAlgorithmType = 0x00620008;
    public static final int SegmentIdentificationSequence = 0x0062000A;
    public static final int ReferencedSegmentNumber = 0x0062000B;
    public static final int RecommendedDisplayCIELabValue = 0x0062000D;
    public static final int MaximumFractionalValue = 0x0062000E;
    public static final int SegmentedPropertyTypeCodeSequence = 0x0062000F;
    public static final int SegmentationFractionalType = 0x00620010;

    public static final int RealWorldValueMappingSequence = 0x00409096;
    public static final int LUTLabel = 0x00409210;
    public static final int RealWorldValueLastValueMapped = 0x00409211;
    public static final int DoubleFloatRealWorldValueLastValueMapped = 0x00409213;
    public static final int DoubleFloatRealWorldValueFirstValueMapped = 0x00409214;
    public static final int RealWorldValueFirstValueMapped = 0x00409216;
    public static final int RealWorldValueIntercept = 0x00409224;
    public static final int RealWorldValueSlope = 0x00409225;
    public static final int MeasurementUnitsCodeSequence = 0x004008EA;
    public static final int QuantityDefinitionSequence = 0x00409220;
    public static final int LUTExplanation = 0x00283003;

    public static final int SharedFunctionalGroupsSequence = 0x52009229;
    public static final int PerFrameFunctionalGroupsSequence = 0x52009230;

    public static final int RelationshipType = 0x0040A010;
    public static final int ValueType = 0x0040A040;
    public static final int ConceptNameCodeSequence = 0x0040A043;
    public static final int ConceptCodeSequence = 0x0040A168;
    public static final int DateTime = 0x0040A120;
    public static final int PersonName = 0x0040A123;
    public static final int UID = 0x0040A124;
    public static final int TextValue = 0x0040A160;
    public static final int MeasuredValueSequence = 0x0040A300;
    public static final int NumericValue = 0x0040A30A;
    public static final int ContentSequence = 0x0040A730;
    public static final int CurrentRequestedProcedureEvidenceSequence = 0x0040A375;

    // written by the overlays module's derived-object writers
    public static final int InstanceCreationDate = 0x00080012;
    public static final int InstanceCreationTime = 0x00080013;
    public static final int SeriesTime = 0x00080031;
    public static final int CodeValue = 0x00080100;
    public static final int CodingSchemeDesignator = 0x00080102;
    public static final int CodeMeaning = 0x00080104;
    public static final int ReferencedPerformedProcedureStepSequence = 0x00081111;
    public static final int ReferencedImageSequence = 0x00081140;
    public static final int DerivationCodeSequence = 0x00089215;
    public static final int DeviceSerialNumber = 0x00181000;
    public static final int SoftwareVersions = 0x00181020;
    public static final int ContentQualification = 0x00189004;
    public static final int SliceThickness = 0x00180050;
    public static final int ImageOrientationPatient = 0x00200037;
    public static final int PositionReferenceIndicator = 0x00201040;
    public static final int DimensionOrganizationUID = 0x00209164;
    public static final int DimensionIndexPointer = 0x00209165;
    public static final int FunctionalGroupPointer = 0x00209167;
    public static final int DimensionDescriptionLabel = 0x00209421;
    public static final int DimensionOrganizationSequence = 0x00209221;
    public static final int DimensionIndexSequence = 0x00209222;
    public static final int DimensionOrganizationType = 0x00209311;
    public static final int DimensionIndexValues = 0x00209157;
    public static final int PlaneOrientationSequence = 0x00209116;
    public static final int PixelMeasuresSequence = 0x00289110;
    public static final int PixelValueTransformationSequence = 0x00289145;
    public static final int FrameVOILUTSequence = 0x00289132;
    public static final int RecognizableVisualFeatures = 0x00280302;
    public static final int BurnedInAnnotation = 0x00280301;
    public static final int PatientIdentityRemoved = 0x00120062;
    public static final int DeidentificationMethod = 0x00120063;
    public static final int SegmentAlgorithmName = 0x00620009;
    public static final int ContentLabel = 0x00700080;
    public static final int ContentDescription = 0x00700081;
    public static final int ContentCreatorName = 0x00700084;
    public static final int PurposeOfReferenceCodeSequence = 0x0040A170;
    public static final int ContinuityOfContent = 0x0040A050;
    public static final int ContentTemplateSequence = 0x0040A504;
    public static final int TemplateIdentifier = 0x0040DB00;
    public static final int MappingResource = 0x00080105;
    public static final int CompletionFlag = 0x0040A491;
    public static final int VerificationFlag = 0x0040A493;
    public static final int PerformedProcedureCodeSequence = 0x0040A372;
    public static final int LargestImagePixelValue = 0x00280107;
    public static final int SpacingBetweenSlices = 0x00180088;
    public static final int CodingSchemeIdentificationSequence = 0x00080110;
    public static final int CodingSchemeName = 0x00080115;
    public static final int CodingSchemeResponsibleOrganization = 0x00080116;
    public static final int ReferencedSOPSequenceInSR = 0x00081199;
    public static final int StackID = 0x00209056;
    public static final int InStackPositionNumber = 0x00209057;
    public static final int AcquisitionContextSequence = 0x00400555;
    public static final int ParametricMapFrameTypeSequence = 0x00409092;
    public static final int FrameType = 0x00089007;
}
