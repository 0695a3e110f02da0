package org.raylens.viewer.derived;

/** Tags of the Segmentation, Parametric Map and SR modules that only this package reads. */
final class DerivedTags {
    private DerivedTags() {
    }

    static final int ReferencedFrameNumber = 0x00081160;
    static final int ReferencedInstanceSequence = 0x0008114A;
    static final int ReferencedSOPSequence = 0x00081199;
    static final int DerivationImageSequence = 0x00089124;
    static final int ImagePositionPatient = 0x00200032;
    static final int FrameOfReferenceUID = 0x00200052;
    static final int PlanePositionSequence = 0x00209113;
    static final int FrameContentSequence = 0x00209111;

    static final int SegmentationType = 0x00620001;
    static final int SegmentSequence = 0x00620002;
    static final int SegmentedPropertyCategoryCodeSequence = 0x00620003;
    static final int SegmentNumber = 0x00620004;
    static final int SegmentLabel = 0x00620005;
    static final int SegmentDescription = 0x00620006;
    static final int SegmentAlgorithmType = 0x00620008;
    static final int SegmentIdentificationSequence = 0x0062000A;
    static final int ReferencedSegmentNumber = 0x0062000B;
    static final int RecommendedDisplayCIELabValue = 0x0062000D;
    static final int MaximumFractionalValue = 0x0062000E;
    static final int SegmentedPropertyTypeCodeSequence = 0x0062000F;
    static final int SegmentationFractionalType = 0x00620010;

    static final int RealWorldValueMappingSequence = 0x00409096;
    static final int LUTLabel = 0x00409210;
    static final int RealWorldValueLastValueMapped = 0x00409211;
    static final int DoubleFloatRealWorldValueLastValueMapped = 0x00409213;
    static final int DoubleFloatRealWorldValueFirstValueMapped = 0x00409214;
    static final int RealWorldValueFirstValueMapped = 0x00409216;
    static final int RealWorldValueIntercept = 0x00409224;
    static final int RealWorldValueSlope = 0x00409225;
    static final int MeasurementUnitsCodeSequence = 0x004008EA;
    static final int QuantityDefinitionSequence = 0x00409220;
    static final int LUTExplanation = 0x00283003;

    static final int SharedFunctionalGroupsSequence = 0x52009229;
    static final int PerFrameFunctionalGroupsSequence = 0x52009230;

    static final int RelationshipType = 0x0040A010;
    static final int ValueType = 0x0040A040;
    static final int ConceptNameCodeSequence = 0x0040A043;
    static final int ConceptCodeSequence = 0x0040A168;
    static final int DateTime = 0x0040A120;
    static final int PersonName = 0x0040A123;
    static final int UID = 0x0040A124;
    static final int TextValue = 0x0040A160;
    static final int MeasuredValueSequence = 0x0040A300;
    static final int NumericValue = 0x0040A30A;
    static final int ContentSequence = 0x0040A730;
    static final int CurrentRequestedProcedureEvidenceSequence = 0x0040A375;
}
