package org.raylens.viewer.dicom.codec.jpegls;

import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.codec.CodecErrors;

/**
 * Reads the entropy-coded bits of a JPEG-LS scan, most significant bit first, through a 64-bit cache.
 *
 * <p>JPEG-LS stuffs bits rather than bytes (ISO 14495-1 §9.1): after an 0xFF byte the next byte carries only seven
 * data bits, its top bit being a stuffed 0. An 0xFF followed by a byte with the top bit set is a marker, which ends
 * the entropy-coded segment; the reader never reads past one, so a restart or end-of-scan marker is always found at
 * {@link #position()} once the cache is drained. Reading beyond the available bits is a typed error, never padding,
 * so a truncated or corrupt stream cannot make the decoder spin.
 */
final class JpegLsBitReader {

    private final byte[] data;
    private final int end;
    private int pos;
    private long cache;
    private int bits;
    private boolean afterFF;
    private boolean atMarker;

    JpegLsBitReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    /** Byte offset of the next byte not yet taken into the cache. */
    int position() {
        return pos;
    }

    private void fill() {
        while (bits <= 56 && !atMarker && pos < end) {
            int b = data[pos] & 0xFF;
            if (afterFF) {
                if (b >= 0x80) {
                    atMarker = true;
                    pos--; // leave the 0xFF of the marker unread
                    return;
                }
                cache |= (long) b << (57 - bits);
                bits += 7;
                afterFF = false;
            } else {
                cache |= (long) b << (56 - bits);
                bits += 8;
                afterFF = b == 0xFF;
            }
            pos++;
        }
    }

    private PixelDataException exhausted() {
        return CodecErrors.corrupt("JPEG-LS scan data ends before the image is complete", pos);
    }

    /** Reads {@code n} bits (0 ≤ n ≤ 31) as an unsigned value. */
    int read(int n) throws PixelDataException {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            fill();
            if (bits < n) {
                throw exhausted();
            }
        }
        int v = (int) (cache >>> (64 - n));
        cache <<= n;
        bits -= n;
        return v;
    }

    /** Reads one bit. */
    int readBit() throws PixelDataException {
        if (bits == 0) {
            fill();
            if (bits == 0) {
                throw exhausted();
            }
        }
        int v = (int) (cache >>> 63);
        cache <<= 1;
        bits--;
        return v;
    }

    /**
     * Counts zero bits up to and including the next 1 (the unary part of a Golomb code); returns the zero count.
     * More than {@code limit} zeros means the stream is corrupt.
     */
    int readUnary(int limit) throws PixelDataException {
        int count = 0;
        while (true) {
            if (bits < 64) {
                fill();
            }
            if (cache != 0) {
                int zeros = Long.numberOfLeadingZeros(cache);
                // cache bits past `bits` are always zero, so a set bit lies inside the valid bits
                count += zeros;
                if (count > limit) {
                    throw CodecErrors.corrupt("JPEG-LS Golomb code longer than its limit of " + limit, pos);
                }
                int used = zeros + 1;
                cache = used == 64 ? 0 : cache << used;
                bits -= used;
                return count;
            }
            if (bits == 0) {
                throw exhausted();
            }
            count += bits;
            if (count > limit) {
                throw CodecErrors.corrupt("JPEG-LS Golomb code longer than its limit of " + limit, pos);
            }
            bits = 0;
        }
    }

    /**
     * Ends an entropy-coded segment: drops the cached padding bits and returns the offset of the next marker (an
     * 0xFF followed by a byte with its top bit set), or the end of the data when there is none.
     */
    int finishSegment() {
        int p = afterFF && !atMarker ? pos - 1 : pos;
        while (p + 1 < end && !((data[p] & 0xFF) == 0xFF && (data[p + 1] & 0xFF) >= 0x80)) {
            p++;
        }
        restartAt(p + 1 < end ? p : end);
        return pos;
    }

    /** Restarts reading at {@code offset} with an empty cache (after a marker). */
    void restartAt(int offset) {
        pos = offset;
        cache = 0;
        bits = 0;
        afterFF = false;
        atMarker = false;
    }
}
