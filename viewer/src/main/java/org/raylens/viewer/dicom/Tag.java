package org.raylens.viewer.dicom;

/**
 * Tags RayLens reads by name, as 32-bit group/element numbers. The full data dictionary (names and VRs of every
 * standard tag) is {@link DicomDictionary}; this class only holds the constants code refers to.
 */
public final class Tag {
    private Tag() {}

    public static final int FileMetaInformationGroupLength = 0x00020000;
    public static final int MediaStorageSOPClassUID = 0x00020002;
    public static final int MediaStorageSOPInstanceUID = 0x00020003;
    public static final int TransferSyntaxUID = 0x00020010;
    public static final int ImplementationClassUID = 0x00020012;
    public static final int ImplementationVersionName = 0x00020013;

    public static final int SpecificCharacterSet = 0x00080005;
    public static final int ImageType = 0x00080008;
    public static final int SOPClassUID = 0x00080016;
    public static final int SOPInstanceUID = 0x00080018;
    public static final int StudyDate = 0x00080020;
    public static final int SeriesDate = 0x00080021;
    public static final int ContentDate = 0x00080023;
    public static final int StudyTime = 0x00080030;
    public static final int ContentTime = 0x00080033;
    public static final int AccessionNumber = 0x00080050;
    public static final int Modality = 0x00080060;
    public static final int ConversionType = 0x00080064;
    public static final int Manufacturer = 0x00080070;
    public static final int InstitutionName = 0x00080080;
    public static final int ReferringPhysicianName = 0x00080090;
    public static final int StudyDescription = 0x00081030;
    public static final int SeriesDescription = 0x0008103E;
    public static final int ManufacturerModelName = 0x00081090;
    public static final int ReferencedSeriesSequence = 0x00081115;
    public static final int ReferencedSOPClassUID = 0x00081150;
    public static final int ReferencedSOPInstanceUID = 0x00081155;

    public static final int PatientName = 0x00100010;
    public static final int PatientID = 0x00100020;
    public static final int PatientBirthDate = 0x00100030;
    public static final int PatientSex = 0x00100040;
    public static final int PatientAge = 0x00101010;

    public static final int BodyPartExamined = 0x00180015;
    public static final int ImagerPixelSpacing = 0x00181164;
    public static final int ViewPosition = 0x00185101;

    public static final int StudyInstanceUID = 0x0020000D;
    public static final int SeriesInstanceUID = 0x0020000E;
    public static final int StudyID = 0x00200010;
    public static final int SeriesNumber = 0x00200011;
    public static final int InstanceNumber = 0x00200013;
    public static final int PatientOrientation = 0x00200020;
    public static final int Laterality = 0x00200060;
    public static final int ImageLaterality = 0x00200062;

    public static final int SamplesPerPixel = 0x00280002;
    public static final int PhotometricInterpretation = 0x00280004;
    public static final int PlanarConfiguration = 0x00280006;
    public static final int NumberOfFrames = 0x00280008;
    public static final int Rows = 0x00280010;
    public static final int Columns = 0x00280011;
    public static final int PixelSpacing = 0x00280030;
    public static final int BitsAllocated = 0x00280100;
    public static final int BitsStored = 0x00280101;
    public static final int HighBit = 0x00280102;
    public static final int PixelRepresentation = 0x00280103;
    public static final int PixelPaddingValue = 0x00280120;
    public static final int WindowCenter = 0x00281050;
    public static final int WindowWidth = 0x00281051;
    public static final int RescaleIntercept = 0x00281052;
    public static final int RescaleSlope = 0x00281053;
    public static final int RescaleType = 0x00281054;
    public static final int WindowCenterWidthExplanation = 0x00281055;
    public static final int VOILUTFunction = 0x00281056;
    public static final int RedPaletteColorLookupTableDescriptor = 0x00281101;
    public static final int GreenPaletteColorLookupTableDescriptor = 0x00281102;
    public static final int BluePaletteColorLookupTableDescriptor = 0x00281103;
    public static final int RedPaletteColorLookupTableData = 0x00281201;
    public static final int GreenPaletteColorLookupTableData = 0x00281202;
    public static final int BluePaletteColorLookupTableData = 0x00281203;
    public static final int SegmentedRedPaletteColorLookupTableData = 0x00281221;
    public static final int SegmentedGreenPaletteColorLookupTableData = 0x00281222;
    public static final int SegmentedBluePaletteColorLookupTableData = 0x00281223;
    public static final int LossyImageCompression = 0x00282110;
    public static final int ModalityLUTSequence = 0x00283000;
    public static final int LUTDescriptor = 0x00283002;
    public static final int LUTExplanation = 0x00283003;
    public static final int ModalityLUTType = 0x00283004;
    public static final int LUTData = 0x00283006;
    public static final int VOILUTSequence = 0x00283010;
    public static final int PresentationLUTShape = 0x20500020;

    public static final int DerivationDescription = 0x00082111;
    public static final int SourceImageSequence = 0x00082112;

    public static final int OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity = 0x00041200;
    public static final int DirectoryRecordSequence = 0x00041220;
    public static final int OffsetOfTheNextDirectoryRecord = 0x00041400;
    public static final int OffsetOfReferencedLowerLevelDirectoryEntity = 0x00041420;
    public static final int DirectoryRecordType = 0x00041430;
    public static final int ReferencedFileID = 0x00041500;
    public static final int ReferencedSOPClassUIDInFile = 0x00041510;
    public static final int ReferencedSOPInstanceUIDInFile = 0x00041511;
    public static final int ReferencedTransferSyntaxUIDInFile = 0x00041512;

    public static final int ExtendedOffsetTable = 0x7FE00001;
    public static final int ExtendedOffsetTableLengths = 0x7FE00002;
    public static final int FloatPixelData = 0x7FE00008;
    public static final int DoubleFloatPixelData = 0x7FE00009;
    public static final int PixelData = 0x7FE00010;

    public static final int Item = 0xFFFEE000;
    public static final int ItemDelimitationItem = 0xFFFEE00D;
    public static final int SequenceDelimitationItem = 0xFFFEE0DD;

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** True for odd groups other than 1, 3, 5, 7 and FFFF (PS3.5 §7.8). */
    public static boolean isPrivate(int tag) {
        int group = group(tag);
        return (group & 1) == 1 && group > 7 && group != 0xFFFF;
    }

    /** "(GGGG,EEEE)" in upper-case hex, as dcmdump and the standard print it. */
    public static String toString(int tag) {
        return String.format("(%04X,%04X)", group(tag), element(tag));
    }
}
