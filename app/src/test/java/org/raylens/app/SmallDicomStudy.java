package org.raylens.app;

import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.NativePixels;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;
import org.raylens.viewer.sample.ChestPhantom;
import org.raylens.viewer.sample.PhantomImage;

/** A one-image synthetic DX study, small enough (320×384) for fast window tests, written with the viewer's writer. */
public final class SmallDicomStudy {

    public static final String PATIENT_NAME = "TEST^SMALL";
    public static final String PATIENT_ID = "SMALL-1";

    private SmallDicomStudy() {
    }

    /** Writes the file into {@code dir}, or returns the one already there. */
    public static Path write(Path dir) throws Exception {
        Path existing = dir.resolve("small-pa.dcm");
        if (java.nio.file.Files.isRegularFile(existing)) {
            return existing;
        }
        PhantomImage image = ChestPhantom.generate(ChestPhantom.Spec.defaults().withSize(320, 384));
        DicomObject d = new DicomObject();
        d.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.1.1");
        d.setString(Tag.SOPInstanceUID, VR.UI, "2.25.1001");
        d.setString(Tag.StudyInstanceUID, VR.UI, "2.25.1002");
        d.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.1003");
        d.setString(Tag.PatientName, VR.PN, PATIENT_NAME);
        d.setString(Tag.PatientID, VR.LO, PATIENT_ID);
        d.setString(Tag.PatientBirthDate, VR.DA, "19700101");
        d.setString(Tag.Modality, VR.CS, "DX");
        d.setString(Tag.StudyDate, VR.DA, "20240102");
        d.setInts(Tag.SamplesPerPixel, VR.US, 1);
        d.setString(Tag.PhotometricInterpretation, VR.CS, image.photometric());
        d.setInts(Tag.Rows, VR.US, image.rows());
        d.setInts(Tag.Columns, VR.US, image.columns());
        d.setInts(Tag.BitsAllocated, VR.US, 16);
        d.setInts(Tag.BitsStored, VR.US, image.bitsStored());
        d.setInts(Tag.HighBit, VR.US, image.bitsStored() - 1);
        d.setInts(Tag.PixelRepresentation, VR.US, 0);
        d.setDecimals(Tag.PixelSpacing, image.spacingMm(), image.spacingMm());
        Path file = dir.resolve("small-pa.dcm");
        new DicomWriter().write(file, d, NativePixels.ofShorts(image.pixels()));
        return file;
    }
}
