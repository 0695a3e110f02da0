package org.raylens.viewer.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file's bytes, opened on first read and closed at its end, so a STOW body of many files holds one open at once. */
final class LazyFileStream extends InputStream {
    private final Path file;
    private InputStream in;
    private boolean ended;

    LazyFileStream(Path file) {
        this.file = file;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        if (in == null) {
            in = Files.newInputStream(file);
        }
        int n = in.read(b, off, len);
        if (n < 0) {
            close();
            ended = true;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
        }
    }
}
