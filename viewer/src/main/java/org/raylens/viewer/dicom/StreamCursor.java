package org.raylens.viewer.dicom;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A read position in a {@link ByteSource} with a small window buffer, so element headers (8–12 bytes each) do not
 * cost a system call apiece. Every read checks the bytes that remain first and raises
 * {@link TruncatedDicomException} naming the file, tag and offset; I/O failures become {@link DicomException}.
 */
final class StreamCursor {
    private static final int WINDOW = 8192;

    private final ByteSource source;
    private final Path name;
    private final long size;
    private final byte[] window = new byte[WINDOW];
    private long windowStart;
    private int windowLength;
    private long position;

    StreamCursor(ByteSource source, Path name, long start) {
        this.source = source;
        this.name = name;
        this.size = source.size();
        this.position = start;
    }

    long position() {
        return position;
    }

    void seek(long newPosition) {
        position = newPosition;
    }

    long size() {
        return size;
    }

    long remaining() {
        return size - position;
    }

    Path name() {
        return name;
    }

    /** Raises a truncation error unless {@code count} bytes remain. */
    void require(long count, int tag, String what) throws TruncatedDicomException {
        if (count < 0 || count > size - position) {
            throw new TruncatedDicomException(what + " needs " + Long.toUnsignedString(count) + " bytes but only "
                    + Math.max(0, size - position) + " remain", name, tag, position);
        }
    }

    /** The byte at {@code position + offset} without moving; {@code offset + 1} bytes must remain. */
    int peek(int offset) throws DicomException {
        fill(position + offset, 1);
        return window[(int) (position + offset - windowStart)] & 0xFF;
    }

    int u8(int tag) throws DicomException {
        require(1, tag, "a byte");
        fill(position, 1);
        return window[(int) (position++ - windowStart)] & 0xFF;
    }

    int u16(boolean bigEndian, int tag) throws DicomException {
        require(2, tag, "a 16-bit value");
        fill(position, 2);
        int i = (int) (position - windowStart);
        position += 2;
        int b0 = window[i] & 0xFF;
        int b1 = window[i + 1] & 0xFF;
        return bigEndian ? (b0 << 8) | b1 : (b1 << 8) | b0;
    }

    /** A 32-bit value as an unsigned long. */
    long u32(boolean bigEndian, int tag) throws DicomException {
        require(4, tag, "a 32-bit value");
        int hi;
        int lo;
        if (bigEndian) {
            hi = u16(true, tag);
            lo = u16(true, tag);
        } else {
            lo = u16(false, tag);
            hi = u16(false, tag);
        }
        return ((long) hi << 16) | lo;
    }

    /** A tag: group then element, each 16 bits in the stream's byte order. */
    int tag(boolean bigEndian) throws DicomException {
        int group = u16(bigEndian, DicomException.NO_TAG);
        int element = u16(bigEndian, DicomException.NO_TAG);
        return (group << 16) | element;
    }

    /** Reads {@code length} bytes into a new array; the length is checked against what remains before allocating. */
    byte[] bytes(long length, int tag) throws DicomException {
        require(length, tag, "the value");
        if (length > Integer.MAX_VALUE - 8) {
            throw new MalformedDicomException("a value of " + length + " bytes is too large to hold in memory",
                    name, tag, position);
        }
        byte[] out = new byte[(int) length];
        int n = (int) length;
        long at = position;
        if (at >= windowStart && at + n <= windowStart + windowLength) {
            System.arraycopy(window, (int) (at - windowStart), out, 0, n);
        } else {
            readSource(at, out, 0, n, tag);
        }
        position += n;
        return out;
    }

    /** Reads {@code n} bytes into {@code dst} (reused by the caller), moving past them. */
    void readFully(byte[] dst, int n, int tag) throws DicomException {
        require(n, tag, "the data");
        readSource(position, dst, 0, n, tag);
        position += n;
    }

    void skip(long length, int tag) throws TruncatedDicomException {
        require(length, tag, "the value");
        position += length;
    }

    private void fill(long at, int count) throws DicomException {
        if (at >= windowStart && at + count <= windowStart + windowLength) {
            return;
        }
        if (at + count > size) {
            throw new TruncatedDicomException("the data ends", name, DicomException.NO_TAG, at);
        }
        windowStart = at;
        windowLength = (int) Math.min(WINDOW, size - at);
        readSource(at, window, 0, windowLength, DicomException.NO_TAG);
    }

    private void readSource(long at, byte[] dst, int offset, int length, int tag) throws DicomException {
        try {
            source.read(at, dst, offset, length);
        } catch (IOException e) {
            windowLength = 0;
            throw new DicomException("read failed: " + e.getMessage(), name, tag, at, e);
        }
    }
}
