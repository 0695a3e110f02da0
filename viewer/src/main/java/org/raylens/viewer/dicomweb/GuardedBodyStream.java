package org.raylens.viewer.dicomweb;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;

/**
 * A response body as it streams in, guarded three ways: a watchdog closes it when no byte arrived for the read
 * timeout (the JDK's request timeout covers only the wait for the headers, so a server that stalls mid-body would
 * otherwise hang the reader forever), a cancelled token stops it at the next read, and every read reports the bytes
 * so far. A read after a stall throws {@link DicomWebException.Timeout}.
 */
final class GuardedBodyStream extends FilterInputStream {

    private final URI url;
    private final Duration timeout;
    private final CancellationToken cancel;
    private final Progress progress;
    private final long expected;
    private final ScheduledFuture<?> check;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean stalled;
    private long done;

    /** @param expected the body's length in bytes, or -1 when the server did not say (progress is then not reported) */
    GuardedBodyStream(URI url, InputStream body, long expected, Duration timeout, ScheduledExecutorService watchdog,
            CancellationToken cancel, Progress progress) {
        super(body);
        this.url = url;
        this.timeout = timeout;
        this.cancel = cancel;
        this.progress = progress;
        this.expected = expected;
        long period = Math.max(20, timeout.toMillis() / 4);
        this.check = watchdog.scheduleAtFixedRate(this::checkStall, period, period, TimeUnit.MILLISECONDS);
    }

    private void checkStall() {
        if (System.nanoTime() - lastActivity > timeout.toNanos()) {
            stalled = true;
            check.cancel(false);
            try {
                in.close(); // unblocks the reader, who then reports the stall
            } catch (IOException e) {
                // closing a stalled connection: the reader's Timeout is what matters
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        cancel.throwIfCancelled("receiving " + url);
        int n;
        try {
            n = super.read(b, off, len);
        } catch (IOException e) {
            throw stalled ? stallError(e) : new DicomWebException.Truncated(url, "the connection was lost after " + done
                    + " bytes" + (expected > 0 ? " of " + expected : "") + " (" + e + ")", e);
        }
        if (stalled) {
            throw stallError(null);
        }
        lastActivity = System.nanoTime();
        if (n > 0) {
            done += n;
            if (expected > 0) {
                progress.report(Math.min(done, expected), expected, url.getPath());
            }
        } else if (n < 0) {
            check.cancel(false);
        }
        return n;
    }

    private DicomWebException stallError(Throwable cause) {
        return new DicomWebException.Timeout(url, "no data for " + timeout.toMillis() + " ms after " + done
                + " bytes", cause);
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
