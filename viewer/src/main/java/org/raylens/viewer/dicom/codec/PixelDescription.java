package org.raylens.viewer.dicom.codec;

/**
 * The image attributes that say how to interpret pixel data (PS3.3 C.7.6.3), validated once when a file's pixels
 * are first opened. {@code signed} is Pixel Representation 1.
 */
public record PixelDescription(int rows, int columns, int frames, int samplesPerPixel, int bitsAllocated,
        int bitsStored, int highBit, boolean signed, String photometric, int planarConfiguration) {

    /** Pixels in one frame; rows and columns are at most 65535 each, so this fits a long without overflow. */
    public long pixelsPerFrame() {
        return (long) rows * columns;
    }

    /** Samples in one frame (pixels × samples per pixel). */
    public long samplesPerFrame() {
        return pixelsPerFrame() * samplesPerPixel;
    }

    /** Bytes one native (uncompressed) frame occupies, before any odd-length padding; 1-bit data packs 8 per byte. */
    public long nativeFrameBytes() {
        long bits = samplesPerFrame() * bitsAllocated;
        return (bits + 7) / 8;
    }
}
