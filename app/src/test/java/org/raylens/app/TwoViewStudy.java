package org.raylens.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomWriter;
import org.raylens.viewer.dicom.NativePixels;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.VR;

/**
 * A synthetic two-image chest study for window tests: a PA and a left lateral (View Position PA and LL), 200 columns
 * by 160 rows, Pixel Spacing 0.5 mm between rows and 0.25 mm between columns (anisotropic on purpose: an angle or an
 * area measured on the pixel grid would be wrong), and pixel value {@code x + 2y} at column x, row y so a mean over
 * any region can be computed by hand. The lateral's value is {@code 2x + y}, so the two are told apart and a model
 * sees different images.
 */
public final class TwoViewStudy {

    public static final int COLUMNS = 200;
    public static final int ROWS = 160;
    public static final double ROW_MM = 0.5;
    public static final double COLUMN_MM = 0.25;

    private TwoViewStudy() {
    }

    /** The PA's value at column x, row y. */
    public static int paValue(int x, int y) {
        return x + 2 * y;
    }

    /** Writes both files into {@code dir} (once) and returns the PA. */
    public static Path writePa(Path dir) throws Exception {
        write(dir, "lateral.dcm", "LL", "A\\F", 2, true);
        return write(dir, "pa.dcm", "PA", "L\\F", 1, false);
    }

    public static Path lateral(Path dir) {
        return dir.resolve("lateral.dcm");
    }

    /** The lateral's value at column x, row y. */
    public static int lateralValue(int x, int y) {
        return 2 * x + y;
    }

    private static Path write(Path dir, String name, String view, String orientation, int number, boolean lateral)
            throws Exception {
        Path file = dir.resolve(name);
        if (Files.isRegularFile(file)) {
            return file;
        }
        short[] pixels = new short[COLUMNS * ROWS];
        for (int y = 0; y < ROWS; y++) {
            for (int x = 0; x < COLUMNS; x++) {
                pixels[y * COLUMNS + x] = (short) (lateral ? lateralValue(x, y) : paValue(x, y));
            }
        }
        DicomObject d = new DicomObject();
        d.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.1.1");
        d.setString(Tag.SOPInstanceUID, VR.UI, "2.25.7700" + number);
        d.setString(Tag.StudyInstanceUID, VR.UI, "2.25.7710");
        d.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.772" + number);
        d.setString(Tag.PatientName, VR.PN, "TEST^TWOVIEW");
        d.setString(Tag.PatientID, VR.LO, "TWOVIEW-1");
        d.setString(Tag.Modality, VR.CS, "DX");
        d.setString(Tag.StudyDate, VR.DA, "20240102");
        d.setString(Tag.ViewPosition, VR.CS, view);
        d.setString(Tag.PatientOrientation, VR.CS, orientation);
        d.setInts(Tag.SeriesNumber, VR.IS, number);
        d.setInts(Tag.InstanceNumber, VR.IS, 1);
        d.setInts(Tag.SamplesPerPixel, VR.US, 1);
        d.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        d.setInts(Tag.Rows, VR.US, ROWS);
        d.setInts(Tag.Columns, VR.US, COLUMNS);
        d.setInts(Tag.BitsAllocated, VR.US, 16);
        d.setInts(Tag.BitsStored, VR.US, 12);
        d.setInts(Tag.HighBit, VR.US, 11);
        d.setInts(Tag.PixelRepresentation, VR.US, 0);
        d.setDecimals(Tag.PixelSpacing, ROW_MM, COLUMN_MM);
        new DicomWriter().write(file, d, NativePixels.ofShorts(pixels));
        return file;
    }
}
