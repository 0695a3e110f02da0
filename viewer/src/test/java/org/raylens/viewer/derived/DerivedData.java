package org.raylens.viewer.derived;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.raylens.viewer.dicom.ConformanceData;

/** The dcmqi-written SEG and SR objects in ../shared/data/dicom-derived (read in place); tests skip without them. */
public final class DerivedData {
    private DerivedData() {
    }

    public static Path dir() {
        Path shared = ConformanceData.sharedDir();
        Path dir = shared == null ? null : shared.resolve("data").resolve("dicom-derived");
        assumeTrue(dir != null && Files.isDirectory(dir), "../shared/data/dicom-derived is absent");
        return dir;
    }

    /** The 3-slice 24×38 series and its binary SEG. */
    public static Path seg24() {
        return dir().resolve("seg-24x38x3");
    }

    /** The SR (TID 1500) and the 128×128 SEG it measures. */
    public static Path srExample() {
        return dir().resolve("sr-example");
    }

    // SOP Instance UIDs of seg-24x38x3/image/IMG000{1,2,3}.dcm (dcmdump)
    public static final String IMG1 = "1.2.826.0.1.3680043.2.1125.1.40786175510277805682528251346244400";
    public static final String IMG2 = "1.2.826.0.1.3680043.2.1125.1.87288186081223633241600833351251290";
    public static final String IMG3 = "1.2.826.0.1.3680043.2.1125.1.19132107722474319200808479400869099";
    public static final String FRAME_OF_REFERENCE = "1.2.826.0.1.3680043.2.1125.1.91107089595205807043185863214762603";
    public static final String SR_SEG = "1.2.276.0.7230010.3.1.4.8323329.18591.1440001312.777033";
}
