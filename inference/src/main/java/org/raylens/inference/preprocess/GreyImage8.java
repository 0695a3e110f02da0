package org.raylens.inference.preprocess;

/** An 8-bit single-channel image, row-major, values 0–255 held in bytes (read with {@code & 0xff}). */
public record GreyImage8(int width, int height, byte[] pixels) {
    public GreyImage8 {
        if (width <= 0 || height <= 0 || (long) width * height != pixels.length) {
            throw new IllegalArgumentException("image " + width + "x" + height + " needs " + (long) width * height
                    + " pixels, got " + pixels.length);
        }
    }

    public int get(int x, int y) {
        return pixels[y * width + x] & 0xff;
    }
}
