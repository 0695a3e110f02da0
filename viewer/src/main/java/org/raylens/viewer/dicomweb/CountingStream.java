package org.raylens.viewer.dicomweb;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;

/** A request body being sent: reports the bytes read so far and stops at the next read once cancelled. */
final class CountingStream extends FilterInputStream {
    private final long total;
    private final Progress progress;
    private final CancellationToken cancel;
    private long done;

    CountingStream(InputStream in, long total, Progress progress, CancellationToken cancel) {
        super(in);
        this.total = total;
        this.progress = progress;
        this.cancel = cancel;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        cancel.throwIfCancelled("sending");
        int n = super.read(b, off, len);
        if (n > 0) {
            done += n;
            progress.report(Math.min(done, total), total, "sending");
        }
        return n;
    }
}
