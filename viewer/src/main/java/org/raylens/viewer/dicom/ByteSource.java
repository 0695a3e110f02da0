package org.raylens.viewer.dicom;

import java.io.Closeable;
import java.io.IOException;

/**
 * Random read access to the bytes of a DICOM stream: a file opened read-only, or memory (an inflated deflated
 * dataset, a test fixture). Lazy pixel access reads frames through this, never the whole stream.
 */
public interface ByteSource extends Closeable {

    /** Total number of bytes. */
    long size();

    /**
     * Reads exactly {@code length} bytes at {@code position} into {@code dst}.
     *
     * @throws IOException when fewer bytes exist or the underlying read fails
     */
    void read(long position, byte[] dst, int offset, int length) throws IOException;

    @Override
    default void close() throws IOException {}
}
