package org.raylens.viewer.derived;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A DICOM Parametric Map as read by {@link ParametricMapReader}: per frame its real-world values (the stored values
 * through the frame's Real World Value Mapping) with the quantity's name and units, and the facts that place each
 * frame on its source image.
 *
 * @param quantity what the values are (the mapping's LUT Explanation or Label, else the quantity code), for titles
 * @param units    the mapping's Measurement Units Code (UCUM), or null when it names none
 */
public record ParametricMap(Path file, String sopInstanceUid, String seriesDescription, String frameOfReferenceUid,
        int rows, int columns, String quantity, CodedConcept units, List<DerivedFrame> frames,
        List<float[]> realValues) {

    public ParametricMap {
        frames = List.copyOf(frames);
        realValues = List.copyOf(realValues);
    }

    /** The frames lying over {@code image} (by Referenced SOP Instance UID and frame, else by position). */
    public List<DerivedFrame> framesOver(SourceImageKey image) {
        return DerivedFrames.over(frames, frameOfReferenceUid, image);
    }

    /** The real-world values of the first frame over {@code image} (rows × columns, a copy), if one lies there. */
    public Optional<float[]> valuesOver(SourceImageKey image) {
        return framesOver(image).stream().findFirst().map(f -> realValues.get(f.index()).clone());
    }

    /** "SUVbw [g/ml]": the quantity with its units, for a colorbar title. */
    public String quantityWithUnits() {
        String u = units == null ? null : units.value() != null ? units.value() : units.meaning();
        return u == null || u.isBlank() ? quantity : quantity + " [" + u + "]";
    }
}
