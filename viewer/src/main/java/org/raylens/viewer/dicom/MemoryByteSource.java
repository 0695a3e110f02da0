package org.raylens.viewer.dicom;

import java.io.EOFException;

/** A {@link ByteSource} over bytes in memory: an inflated deflated dataset, or a test fixture. */
public final class MemoryByteSource implements ByteSource {
    private final byte[] bytes;
    private final int length;

    /** Wraps (does not copy) the first {@code length} bytes of {@code bytes}. */
    public MemoryByteSource(byte[] bytes, int length) {
        if (length < 0 || length > bytes.length) {
            throw new IllegalArgumentException("length " + length + " outside 0.." + bytes.length);
        }
        this.bytes = bytes;
        this.length = length;
    }

    public MemoryByteSource(byte[] bytes) {
        this(bytes, bytes.length);
    }

    @Override
    public long size() {
        return length;
    }

    @Override
    public void read(long position, byte[] dst, int offset, int count) throws EOFException {
        if (position < 0 || count < 0 || position > length - (long) count) {
            throw new EOFException("cannot read " + count + " bytes at " + position + " of " + length);
        }
        System.arraycopy(bytes, (int) position, dst, offset, count);
    }
}
