package org.raylens.app.open;

import java.nio.file.Files;
import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.NativePixels;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;

/** 2×2 DX images with chosen identity, written with the viewer's writer: fast to write, index and open. */
public final class TinyDicom {

    private TinyDicom() {
    }

    /** One image of patient {@code patientId} in study {@code studyUid}, dated 2024-03-05 "CHEST PA". */
    public static Path write(Path file, String patientId, String studyUid, String seriesUid, String sopUid)
            throws Exception {
        DicomObject d = new DicomObject();
        d.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.1.1");
        d.setString(Tag.SOPInstanceUID, VR.UI, sopUid);
        d.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        d.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        d.setString(Tag.PatientName, VR.PN, "DOE^JANE");
        d.setString(Tag.PatientID, VR.LO, patientId);
        d.setString(Tag.StudyDate, VR.DA, "20240305");
        d.setString(Tag.StudyDescription, VR.LO, "CHEST PA");
        d.setString(Tag.Modality, VR.CS, "DX");
        d.setString(Tag.SeriesNumber, VR.IS, "1");
        d.setInts(Tag.SamplesPerPixel, VR.US, 1);
        d.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        d.setInts(Tag.Rows, VR.US, 2);
        d.setInts(Tag.Columns, VR.US, 2);
        d.setInts(Tag.BitsAllocated, VR.US, 16);
        d.setInts(Tag.BitsStored, VR.US, 12);
        d.setInts(Tag.HighBit, VR.US, 11);
        d.setInts(Tag.PixelRepresentation, VR.US, 0);
        Files.createDirectories(file.getParent());
        new DicomWriter().write(file, d, NativePixels.ofShorts(new short[] {10, 20, 30, 40}));
        return file;
    }
}
