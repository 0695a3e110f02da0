package org.raylens.viewer.dicom;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link ByteSource} over a file opened read-only. Positional reads do not move a shared file pointer, so frames
 * may be read from several threads at once. The size is fixed when the file is opened: a file that grows or
 * shrinks afterwards is not what was parsed.
 */
public final class FileByteSource implements ByteSource {
    private final Path path;
    private final FileChannel channel;
    private final long size;

    private FileByteSource(Path path, FileChannel channel, long size) {
        this.path = path;
        this.channel = channel;
        this.size = size;
    }

    /** Opens {@code path} for reading only; RayLens never opens a source file for writing. */
    public static FileByteSource open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new FileByteSource(path, channel, channel.size());
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void read(long position, byte[] dst, int offset, int length) throws IOException {
        if (position < 0 || length < 0 || position > size - length) {
            throw new EOFException(path + ": cannot read " + length + " bytes at " + position + " of " + size);
        }
        ByteBuffer buffer = ByteBuffer.wrap(dst, offset, length);
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new EOFException(path + ": file ended at " + at + " while reading " + length + " bytes at "
                        + position);
            }
            at += n;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
