package org.raylens.app.task;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javafx.application.Platform;

/**
 * {@link BackgroundRunner} on a small pool of named daemon threads (so a thread dump says what they are and they
 * never keep the JVM alive), delivering outcomes with {@link Platform#runLater}. {@link #close()} cancels: queued
 * work is dropped, running work is interrupted, and work handed in afterwards (a late callback while the window
 * closes) is not started.
 */
public final class FxBackgroundRunner implements BackgroundRunner, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FxBackgroundRunner.class.getName());

    private final ExecutorService executor;

    /** @param name names the threads {@code raylens-<name>-<n>} */
    public FxBackgroundRunner(String name, int threads) {
        this.executor = Executors.newFixedThreadPool(threads, daemonThreads("raylens-" + name));
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure) {
        try {
            executor.execute(() -> deliver(work, onSuccess, onFailure));
        } catch (RejectedExecutionException e) {
            // Only a closed executor rejects (its queue is unbounded): the window is going away, so there is nobody
            // to show a result or a failure to.
            LOG.fine(() -> "not started, the runner is closed: " + work);
        }
    }

    private static <T> void deliver(Callable<T> work, Consumer<? super T> onSuccess,
            Consumer<? super Exception> onFailure) {
        try {
            T result = work.call();
            Platform.runLater(() -> onSuccess.accept(result));
        } catch (Exception e) {
            Platform.runLater(() -> onFailure.accept(e));
        } catch (Error e) {
            // Typically OutOfMemoryError on a huge image: tell the user, then let the thread die as it should.
            Platform.runLater(() -> onFailure.accept(new IllegalStateException(e.toString(), e)));
            throw e;
        }
    }

    @Override
    public void onUi(Runnable update) {
        Platform.runLater(update);
    }

    /** Cancels all work (see the class comment); returns at once. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Whether every worker thread has ended since {@link #close()}; for tests. */
    public boolean awaitTerminationForTests(long millis) throws InterruptedException {
        return executor.awaitTermination(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
