package org.raylens.viewer.sample;

import java.util.List;

/**
 * A generated phantom radiograph: stored values (unsigned, {@code bitsStored} significant bits in 16-bit words),
 * row by row, with what a DICOM header needs to describe it.
 *
 * @param photometric "MONOCHROME2" (high values bright) or "MONOCHROME1" (high values dark)
 * @param windows     VOI presets derived from the image's own anatomy, most generally useful first
 */
public record PhantomImage(int columns, int rows, double spacingMm, int bitsStored, String photometric,
        short[] pixels, List<WindowPreset> windows) {

    /** The stored value at (column, row), as an unsigned int. */
    public int value(int column, int row) {
        return pixels[row * columns + column] & 0xFFFF;
    }

    /** The largest value {@code bitsStored} bits can hold. */
    public int maxValue() {
        return (1 << bitsStored) - 1;
    }
}
