package org.raylens.inference.io;

import org.raylens.core.io.AtomicFiles;

import org.raylens.inference.encoder.FloatTensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes float32 little-endian C-order .npy (format 1.0), atomically (temp file, then move). */
public final class NpyWriter {
    private NpyWriter() {
    }

    public static void write(Path file, FloatTensor t) throws IOException {
        writeRows(file, t.shape(), java.util.List.of(t.data()));
    }

    /**
     * Streams float32 chunks (in C order) under one header, so arrays larger than memory can be written; the chunks
     * must add up to the shape's element count.
     */
    public static void writeRows(Path file, long[] s, Iterable<float[]> chunks) throws IOException {
        long count = 1;
        for (long d : s) {
            count *= d;
        }
        long expected = count;
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            shape.append(s[i]).append(s.length == 1 ? "," : (i < s.length - 1 ? ", " : ""));
        }
        shape.append(")");
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        head.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        AtomicFiles.replace(file, out -> {
            out.write(head.array());
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            long written = 0;
            for (float[] d : chunks) {
                for (float v : d) {
                    if (!chunk.hasRemaining()) {
                        out.write(chunk.array(), 0, chunk.position());
                        chunk.clear();
                    }
                    chunk.putFloat(v);
                }
                written += d.length;
            }
            out.write(chunk.array(), 0, chunk.position());
            if (written != expected) {
                throw new IOException(file + ": wrote " + written + " values for a shape of " + expected);
            }
        });
    }
}
