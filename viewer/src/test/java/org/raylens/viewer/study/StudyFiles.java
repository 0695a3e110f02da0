package org.raylens.viewer.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomBytes;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.TransferSyntax;
import org.raylens.viewer.dicom.VR;

/** Small synthetic DICOM files with chosen UIDs, written byte by byte (no writer involved). */
final class StudyFiles {
    private StudyFiles() {}

    static Path write(Path file, String patientId, String study, String series, int seriesNumber, String sop,
            int instanceNumber) throws IOException {
        DicomBytes d = DicomBytes.explicitLe();
        d.text(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.1.1");
        d.text(Tag.SOPInstanceUID, VR.UI, sop);
        d.text(Tag.StudyDate, VR.DA, "20260101");
        d.text(Tag.Modality, VR.CS, "DX");
        d.text(Tag.PatientName, VR.PN, "Synthetic^" + patientId);
        d.text(Tag.PatientID, VR.LO, patientId);
        d.text(Tag.StudyInstanceUID, VR.UI, study);
        d.text(Tag.SeriesInstanceUID, VR.UI, series);
        d.text(Tag.SeriesNumber, VR.IS, Integer.toString(seriesNumber));
        d.text(Tag.InstanceNumber, VR.IS, Integer.toString(instanceNumber));
        d.us(Tag.SamplesPerPixel, 1);
        d.text(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        d.us(Tag.Rows, 2).us(Tag.Columns, 2).us(Tag.BitsAllocated, 16).us(Tag.BitsStored, 12).us(Tag.HighBit, 11);
        d.us(Tag.PixelRepresentation, 0);
        d.element(Tag.PixelData, VR.OW, new byte[8]);
        Files.createDirectories(file.getParent());
        return Files.write(file, DicomBytes.part10(TransferSyntax.EXPLICIT_VR_LE, d.toBytes()));
    }
}
