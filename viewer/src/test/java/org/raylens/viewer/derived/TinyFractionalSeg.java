package org.raylens.viewer.derived;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.NativePixels;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;

/**
 * Writes a small FRACTIONAL (PROBABILITY, maximum 200) DICOM SEG into a test's temporary folder: 3 × 4 pixels, two
 * segments ("Lung" with a CIELab colour, "Nodule" without) on one frame each, both derived from the single-frame
 * image {@link #SOURCE}. Stored values: segment 1 counts 0, 10, 20, … 110 along the pixels; segment 2 is 200 on the
 * last pixel only. No fractional SEG is among the shared data.
 */
public final class TinyFractionalSeg {

    public static final String SOURCE = "2.25.777000111";
    public static final int ROWS = 3;
    public static final int COLUMNS = 4;

    private TinyFractionalSeg() {
    }

    public static void write(Path file) throws Exception {
        DicomObject ds = new DicomObject();
        ds.setString(Tag.SOPClassUID, VR.UI, SegmentationReader.SOP_CLASS);
        ds.setString(Tag.SOPInstanceUID, VR.UI, "2.25.777000222");
        ds.setString(Tag.StudyInstanceUID, VR.UI, "2.25.777000333");
        ds.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.777000444");
        ds.setString(Tag.Modality, VR.CS, "SEG");
        ds.setString(Tag.SeriesDescription, VR.LO, "AI lung");
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInts(Tag.SamplesPerPixel, VR.US, 1);
        ds.setInts(Tag.NumberOfFrames, VR.IS, 2);
        ds.setInts(Tag.Rows, VR.US, ROWS);
        ds.setInts(Tag.Columns, VR.US, COLUMNS);
        ds.setInts(Tag.BitsAllocated, VR.US, 8);
        ds.setInts(Tag.BitsStored, VR.US, 8);
        ds.setInts(Tag.HighBit, VR.US, 7);
        ds.setInts(Tag.PixelRepresentation, VR.US, 0);
        ds.setString(DerivedTags.SegmentationType, VR.CS, "FRACTIONAL");
        ds.setString(DerivedTags.SegmentationFractionalType, VR.CS, "PROBABILITY");
        ds.setInts(DerivedTags.MaximumFractionalValue, VR.US, 200);
        DicomObject lung = new DicomObject().setInts(DerivedTags.SegmentNumber, VR.US, 1)
                .setString(DerivedTags.SegmentLabel, VR.LO, "Lung")
                .setInts(DerivedTags.RecommendedDisplayCIELabValue, VR.US, 41661, 41167, 40792);
        DicomObject nodule = new DicomObject().setInts(DerivedTags.SegmentNumber, VR.US, 2)
                .setString(DerivedTags.SegmentLabel, VR.LO, "Nodule");
        ds.setSequence(DerivedTags.SegmentSequence, List.of(lung, nodule));
        List<DicomObject> frames = new ArrayList<>();
        for (int segment = 1; segment <= 2; segment++) {
            DicomObject source = new DicomObject().setString(Tag.ReferencedSOPClassUID, VR.UI,
                    "1.2.840.10008.5.1.4.1.1.1.1").setString(Tag.ReferencedSOPInstanceUID, VR.UI, SOURCE);
            DicomObject derivation = new DicomObject().setSequence(Tag.SourceImageSequence, List.of(source));
            frames.add(new DicomObject().setSequence(DerivedTags.DerivationImageSequence, List.of(derivation))
                    .setSequence(DerivedTags.SegmentIdentificationSequence, List.of(new DicomObject()
                            .setInts(DerivedTags.ReferencedSegmentNumber, VR.US, segment))));
        }
        ds.setSequence(DerivedTags.PerFrameFunctionalGroupsSequence, frames);
        byte[] pixels = new byte[2 * ROWS * COLUMNS];
        for (int i = 0; i < ROWS * COLUMNS; i++) {
            pixels[i] = (byte) (10 * i);
        }
        pixels[2 * ROWS * COLUMNS - 1] = (byte) 200;
        new DicomWriter().write(file, ds, NativePixels.ofBytes(pixels));
    }
}
