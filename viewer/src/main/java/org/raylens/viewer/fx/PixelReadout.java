package org.raylens.viewer.fx;

/**
 * What the cursor points at: the source pixel (column {@code x}, row {@code y}, zero-based) and its modality value
 * in {@code unit} ("" when the file names none).
 */
public record PixelReadout(int x, int y, double value, String unit) {
}
