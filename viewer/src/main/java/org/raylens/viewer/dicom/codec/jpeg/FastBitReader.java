package org.raylens.viewer.dicom.codec.jpeg;

import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.codec.CodecErrors;

/**
 * Entropy-coded JPEG data through a 64-bit cache, with byte stuffing (0xFF 0x00 → 0xFF). At a marker or the end of
 * the data it supplies zero bits, as libjpeg does, but at most 128 (twice the look-ahead): a stream that needs many more bits
 * than it holds is reported as truncated rather than decoded into a smear.
 */
final class FastBitReader {

    private static final int MAX_PADDING_BITS = 128;

    private final byte[] data;
    private int pos;
    private long cache;
    private int bits;
    private int padding;
    private boolean atMarker;

    FastBitReader(byte[] data, int start) {
        this.data = data;
        this.pos = start;
    }

    int position() {
        return pos;
    }

    private void fill() throws PixelDataException {
        while (bits <= 56) {
            int b;
            if (!atMarker && pos < data.length) {
                b = data[pos] & 0xFF;
                if (b == 0xFF) {
                    int next = pos + 1 < data.length ? data[pos + 1] & 0xFF : 0xD9;
                    if (next == 0) {
                        pos += 2;
                    } else {
                        atMarker = true;
                        b = 0;
                        padding += 8;
                    }
                } else {
                    pos++;
                }
            } else {
                b = 0;
                padding += 8;
            }
            cache |= (long) b << (56 - bits);
            bits += 8;
        }
        if (padding > MAX_PADDING_BITS) {
            throw CodecErrors.corrupt("JPEG scan data end long before the image is complete", pos);
        }
    }

    /** The next n ≤ 25 bits without consuming them. */
    int peek(int n) throws PixelDataException {
        if (bits < n) {
            fill();
        }
        return (int) (cache >>> (64 - n));
    }

    void skip(int n) {
        cache <<= n;
        bits -= n;
    }

    /** Reads n ≤ 25 bits. */
    int bits(int n) throws PixelDataException {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            fill();
        }
        int v = (int) (cache >>> (64 - n));
        cache <<= n;
        bits -= n;
        return v;
    }

    /**
     * At the end of a restart interval: drops the cached bits, and consumes the RSTn marker if it is next.
     * Returns whether it was there.
     */
    boolean restart() {
        cache = 0;
        bits = 0;
        padding = 0;
        atMarker = false;
        int p = pos;
        while (p + 1 < data.length && !((data[p] & 0xFF) == 0xFF && (data[p + 1] & 0xFF) != 0
                && (data[p + 1] & 0xFF) != 0xFF)) {
            p++;
        }
        if (p + 1 < data.length && (data[p + 1] & 0xFF) >= 0xD0 && (data[p + 1] & 0xFF) <= 0xD7) {
            pos = p + 2;
            return true;
        }
        return false;
    }

    /** Offset of the first marker at or after the current position. */
    int nextMarker() {
        int p = pos;
        while (p + 1 < data.length && !((data[p] & 0xFF) == 0xFF && (data[p + 1] & 0xFF) != 0
                && (data[p + 1] & 0xFF) != 0xFF)) {
            p++;
        }
        return p + 1 < data.length ? p : data.length;
    }
}
