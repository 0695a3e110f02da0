package org.raylens.viewer.dicom.codec.jpeg;

import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.codec.CodecErrors;

/**
 * Reads entropy-coded JPEG data with byte stuffing (0xFF 0x00 → 0xFF). At a marker, or past the end of the data,
 * it supplies zero bits as libjpeg does, but only a bounded number: a stream that needs far more bits than it has
 * is reported as truncated instead of being decoded as an image of zeros.
 */
final class JpegBitReader {

    private static final int MAX_PADDING_BITS = 128;

    private final byte[] data;
    private final int end;
    private int pos;
    private int cache;
    private int bits;
    private int padding;
    private boolean atMarker;

    JpegBitReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    int position() {
        return pos;
    }

    private void fill() throws PixelDataException {
        while (bits <= 24) {
            int b = 0;
            if (!atMarker && pos < end) {
                b = data[pos] & 0xFF;
                if (b == 0xFF) {
                    int next = pos + 1 < end ? data[pos + 1] & 0xFF : 0xD9;
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
                padding += 8;
            }
            if (padding > MAX_PADDING_BITS) {
                throw CodecErrors.corrupt("JPEG scan data ends long before the image is complete", pos);
            }
            cache |= b << (24 - bits);
            bits += 8;
        }
    }

    int bit() throws PixelDataException {
        if (bits == 0) {
            fill();
        }
        int v = cache >>> 31;
        cache <<= 1;
        bits--;
        return v;
    }

    /** Reads n ≤ 16 bits. */
    int bits(int n) throws PixelDataException {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            fill();
        }
        int v = cache >>> (32 - n);
        cache <<= n;
        bits -= n;
        return v;
    }

    /** Reads an n-bit magnitude and extends it to a signed value (F.2.2.1 EXTEND). */
    int receiveExtend(int n) throws PixelDataException {
        if (n == 0) {
            return 0;
        }
        if (n > 16) {
            throw CodecErrors.corrupt("JPEG coefficient magnitude category " + n + " is too large", pos);
        }
        int v = bits(n);
        return v < (1 << (n - 1)) ? v - (1 << n) + 1 : v;
    }

    /**
     * At a restart interval boundary: drops the remaining bits and, if the next marker is RSTn, consumes it.
     * Returns false when no restart marker is there (libjpeg then resynchronises; RayLens carries on).
     */
    boolean restart() {
        cache = 0;
        bits = 0;
        atMarker = false;
        padding = 0;
        int p = pos;
        while (p + 1 < end && !((data[p] & 0xFF) == 0xFF && (data[p + 1] & 0xFF) != 0 && (data[p + 1] & 0xFF) != 0xFF)) {
            p++;
        }
        if (p + 1 < end && (data[p + 1] & 0xFF) >= 0xD0 && (data[p + 1] & 0xFF) <= 0xD7) {
            pos = p + 2;
            return true;
        }
        return false;
    }

    /** Offset of the first marker at or after the current position (end of the entropy-coded segment). */
    int nextMarker() {
        int p = Math.max(0, pos);
        while (p + 1 < end && !((data[p] & 0xFF) == 0xFF && (data[p + 1] & 0xFF) != 0 && (data[p + 1] & 0xFF) != 0xFF)) {
            p++;
        }
        return p + 1 < end ? p : end;
    }
}
