package org.raylens.inference.preprocess;

/**
 * A single-frame greyscale image in modality values (after the DICOM modality LUT / rescale slope and intercept),
 * as plain numbers so this module never depends on the viewer's DICOM classes. {@code monochrome1}: the photometric
 * interpretation says low values are bright (MONOCHROME1).
 */
public record GreyModalityImage(float[] values, int width, int height, boolean monochrome1) {
    public GreyModalityImage {
        if (width <= 0 || height <= 0 || (long) width * height != values.length) {
            throw new IllegalArgumentException("image " + width + "x" + height + " needs " + (long) width * height
                    + " values, got " + values.length);
        }
    }
}
