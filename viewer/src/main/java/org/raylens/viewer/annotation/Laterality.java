package org.raylens.viewer.annotation;

import java.util.Optional;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;

/**
 * The side of a paired body part an image shows, for the L/R marker: Image Laterality (0020,0062), or the series'
 * Laterality (0020,0060) when the image does not say. "U" (unpaired) and "B" (both) give no L/R marker: a chest is
 * unpaired, and a marker there would suggest a side that was never stated.
 */
public final class Laterality {

    private Laterality() {
    }

    /** "L" or "R" when the header states one side, else empty. */
    public static Optional<String> of(DicomObject header) {
        for (int tag : new int[] {Tag.ImageLaterality, Tag.Laterality}) {
            String value = header.getString(tag);
            if (value != null) {
                String v = value.strip().toUpperCase(java.util.Locale.ROOT);
                return v.equals("L") || v.equals("R") ? Optional.of(v) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
