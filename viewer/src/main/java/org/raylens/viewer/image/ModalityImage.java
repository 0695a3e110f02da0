package org.raylens.viewer.image;

/**
 * A frame's modality values as models consume them: row-major, {@code channels} values per pixel (1 for greyscale,
 * 3 for RGB), after the Modality LUT / rescale and before any VOI or display polarity. For raster images the
 * modality values are the stored values; for colour images they are RGB in 0..255 (or the source's range).
 */
public record ModalityImage(int width, int height, int channels, float[] values, String unit) {

    public ModalityImage {
        if ((long) width * height * channels != values.length) {
            throw new IllegalArgumentException(width + " x " + height + " x " + channels + " != " + values.length);
        }
    }

    public float value(int x, int y) {
        return values[(y * width + x) * channels];
    }
}
