package org.raylens.viewer.dicom;

/**
 * Uncompressed pixel values a caller hands to {@link DicomWriter}: 16-bit samples as a {@code short[]} (written as
 * OW) or 8-bit samples as a {@code byte[]} (written as OB), in the order DICOM stores them (frame by frame, row by
 * row, samples interleaved). The arrays are not copied; do not change them while a write is running.
 */
public final class NativePixels {
    private final short[] words;
    private final byte[] bytes;

    private NativePixels(short[] words, byte[] bytes) {
        this.words = words;
        this.bytes = bytes;
    }

    /** 16-bit samples (Bits Allocated 16); signed or unsigned is the dataset's Pixel Representation. */
    public static NativePixels ofShorts(short[] values) {
        if (values == null) {
            throw new IllegalArgumentException("pixel values are null");
        }
        return new NativePixels(values, null);
    }

    /** 8-bit samples (Bits Allocated 8). */
    public static NativePixels ofBytes(byte[] values) {
        if (values == null) {
            throw new IllegalArgumentException("pixel values are null");
        }
        return new NativePixels(null, values);
    }

    /** 16 or 8. */
    public int bitsAllocated() {
        return words != null ? 16 : 8;
    }

    /** Number of samples. */
    public int sampleCount() {
        return words != null ? words.length : bytes.length;
    }

    /** The value length in bytes before padding. */
    public long byteLength() {
        return (long) sampleCount() * (bitsAllocated() / 8);
    }

    /** The VR the writer uses: OW for 16-bit, OB for 8-bit samples (PS3.5 §8.2 for explicit VR). */
    public VR vr() {
        return words != null ? VR.OW : VR.OB;
    }

    short[] words() {
        return words;
    }

    byte[] bytes() {
        return bytes;
    }
}
