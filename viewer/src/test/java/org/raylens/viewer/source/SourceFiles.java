package org.raylens.viewer.source;

import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.NativePixels;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;

/** A tiny multi-frame DICOM file written with the viewer's writer: 2×2 pixels, frame f (from 1) holds 100·f. */
final class SourceFiles {
    private SourceFiles() {}

    static Path multiFrame(Path file, int frames) throws Exception {
        DicomObject d = new DicomObject();
        d.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.1.1");
        d.setString(Tag.SOPInstanceUID, VR.UI, "2.25.77001");
        d.setString(Tag.StudyInstanceUID, VR.UI, "2.25.77002");
        d.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.77003");
        d.setString(Tag.PatientID, VR.LO, "MF-1");
        d.setString(Tag.Modality, VR.CS, "DX");
        d.setInts(Tag.SamplesPerPixel, VR.US, 1);
        d.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        d.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        d.setInts(Tag.Rows, VR.US, 2);
        d.setInts(Tag.Columns, VR.US, 2);
        d.setInts(Tag.BitsAllocated, VR.US, 16);
        d.setInts(Tag.BitsStored, VR.US, 12);
        d.setInts(Tag.HighBit, VR.US, 11);
        d.setInts(Tag.PixelRepresentation, VR.US, 0);
        short[] values = new short[4 * frames];
        for (int i = 0; i < values.length; i++) {
            values[i] = (short) (100 * (i / 4 + 1));
        }
        new DicomWriter().write(file, d, NativePixels.ofShorts(values));
        return file;
    }
}
