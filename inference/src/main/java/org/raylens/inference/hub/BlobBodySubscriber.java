package org.raylens.inference.hub;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives a download's body on the HTTP client's threads and hands each chunk to a sink (the part file and the
 * hash), one chunk requested at a time so memory stays bounded. {@link #abort()} stops it for good: after it returns
 * no chunk reaches the sink any more, so the caller may close the part file; that is what makes cancel and the idle
 * timeout safe.
 */
final class BlobBodySubscriber implements HttpResponse.BodySubscriber<Long> {

    /** Where the chunks go; may refuse one with an exception, which ends the transfer. */
    interface Sink {
        void accept(ByteBuffer chunk) throws IOException;
    }

    private final Sink sink;
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private final AtomicLong received = new AtomicLong();
    private final Object lock = new Object();
    private Flow.Subscription subscription;
    private boolean stopped;

    BlobBodySubscriber(Sink sink) {
        this.sink = sink;
    }

    /** Bytes handed to the sink so far. */
    long received() {
        return received.get();
    }

    void abort() {
        Flow.Subscription toCancel;
        synchronized (lock) {
            stopped = true;
            toCancel = subscription;
        }
        if (toCancel != null) {
            toCancel.cancel();
        }
        result.completeExceptionally(new IOException("aborted"));
    }

    @Override
    public CompletionStage<Long> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancelNow;
        synchronized (lock) {
            subscription = s;
            cancelNow = stopped;
        }
        if (cancelNow) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
        synchronized (lock) {
            if (stopped) {
                return;
            }
            try {
                for (ByteBuffer chunk : chunks) {
                    int length = chunk.remaining();
                    sink.accept(chunk);
                    received.addAndGet(length);
                }
            } catch (IOException | RuntimeException e) {
                stopped = true;
                subscription.cancel();
                result.completeExceptionally(e);
                return;
            }
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        synchronized (lock) {
            stopped = true;
        }
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        synchronized (lock) {
            stopped = true;
        }
        result.complete(received.get());
    }
}
