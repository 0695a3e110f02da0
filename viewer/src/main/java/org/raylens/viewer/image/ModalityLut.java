package org.raylens.viewer.image;

import java.nio.file.Path;
import java.util.List;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.Tag;

/**
 * The Modality LUT stage (PS3.3 C.11.1): stored values to modality values, either by Rescale Slope / Intercept or
 * by the first item of a Modality LUT Sequence, which takes precedence when both are present (the standard forbids
 * both; files that have both were made by software that meant the table).
 */
public sealed interface ModalityLut {

    double apply(double storedValue);

    /** Unit of the output for display ("HU", "OD", ... or "" when unspecified). */
    String unit();

    /** The identity: stored values are the modality values (raster images, missing rescale). */
    ModalityLut IDENTITY = new Rescale(1, 0, "");

    /** m = slope · s + intercept. */
    record Rescale(double slope, double intercept, String unit) implements ModalityLut {
        @Override
        public double apply(double storedValue) {
            return slope * storedValue + intercept;
        }
    }

    /** m = table[s − firstMapped], clamped. */
    record Table(LookupTable table, String unit) implements ModalityLut {
        @Override
        public double apply(double storedValue) {
            return table.lookup(storedValue);
        }
    }

    /** The modality LUT a dataset declares; {@code signed} is Pixel Representation 1. */
    static ModalityLut of(DicomObject ds, boolean signed, Path file) throws PixelDataException {
        List<DicomObject> sequence = ds.getSequence(Tag.ModalityLUTSequence);
        if (!sequence.isEmpty()) {
            DicomObject item = sequence.get(0);
            return new Table(LookupTable.parse(item, signed, file), unit(item.getString(Tag.ModalityLUTType), ds));
        }
        double slope = ds.getDouble(Tag.RescaleSlope, 1);
        double intercept = ds.getDouble(Tag.RescaleIntercept, 0);
        if (!Double.isFinite(slope) || slope == 0 || !Double.isFinite(intercept)) {
            // A zero or non-finite slope would collapse the image; treat it as absent, as other viewers do.
            slope = 1;
            intercept = 0;
        }
        boolean rescaled = ds.contains(Tag.RescaleSlope) || ds.contains(Tag.RescaleIntercept);
        String unit = unit(ds.getString(Tag.RescaleType), ds);
        if (unit.isEmpty() && rescaled && "CT".equals(ds.getString(Tag.Modality))) {
            unit = "HU";
        }
        return new Rescale(slope, intercept, unit);
    }

    private static String unit(String type, DicomObject ds) {
        // "US" is the defined term for "unspecified".
        return type == null || type.equals("US") ? "" : type;
    }
}
