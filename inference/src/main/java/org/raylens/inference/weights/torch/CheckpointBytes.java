package org.raylens.inference.weights.torch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access to a checkpoint's bytes: a memory-mapped file in use, a byte array in tests (the fuzz test mutates
 * thousands of checkpoints without touching the disk). Every slice is bounds-checked by the caller before it is
 * asked for, so an implementation never maps or copies more than the file holds.
 */
interface CheckpointBytes extends AutoCloseable {
    long size();

    /** {@code length} bytes from {@code position}, read-only, little-endian; the range lies inside {@link #size()}. */
    ByteBuffer slice(long position, int length) throws IOException;

    @Override
    void close() throws IOException;

    static CheckpointBytes open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new Mapped(channel, channel.size());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static CheckpointBytes of(byte[] bytes) {
        return new InMemory(bytes);
    }

    /** Maps each slice on demand: a 350 MB checkpoint never lands on the Java heap, only the tensors read. */
    final class Mapped implements CheckpointBytes {
        private final FileChannel channel;
        private final long size;

        private Mapped(FileChannel channel, long size) {
            this.channel = channel;
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public ByteBuffer slice(long position, int length) throws IOException {
            checkRange(position, length, size);
            if (length == 0) {
                return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, position, length).order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    final class InMemory implements CheckpointBytes {
        private final byte[] bytes;

        private InMemory(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public ByteBuffer slice(long position, int length) {
            checkRange(position, length, bytes.length);
            return ByteBuffer.wrap(bytes, (int) position, length).slice().asReadOnlyBuffer()
                    .order(ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public void close() {
            // nothing held
        }
    }

    private static void checkRange(long position, int length, long size) {
        if (position < 0 || length < 0 || position > size - length) {
            // A caller bug, not bad input: every caller checks ranges against size() and throws a typed error first.
            throw new IndexOutOfBoundsException("slice [" + position + ", +" + length + ") outside " + size + " bytes");
        }
    }
}
