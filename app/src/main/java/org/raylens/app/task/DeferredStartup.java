package org.raylens.app.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Start-up work that the first image does not need, held back until the window has settled. The GPU probe is the
 * case in point: it loads libtorch, several hundred MB of native code, and while {@code dlopen} runs it holds the C
 * library's loader lock. In its first frames JavaFX's renderer still links its own native methods, each a symbol
 * lookup behind that same lock, so the renderer stalls, the JavaFX thread waits for the renderer, and a close request
 * is not even dispatched until libtorch has loaded (seen in the packaging smoke test: 4–6 s from request to exit on
 * a loaded machine, 1.5–2.4 s with the probe held back). Work scheduled here starts {@code settle} after
 * {@link #start}, on the given executor (the FX thread); {@link #close} (the window is closing) drops whatever has
 * not started, so a close during start-up never begins a native load.
 */
public final class DeferredStartup implements AutoCloseable {

    private final Duration settle;
    private final Executor fx;
    private final List<Runnable> pending = new ArrayList<>();
    private ScheduledExecutorService timer;
    private boolean closed;

    /**
     * @param settle how long after {@link #start} the held-back work begins
     * @param fx     where it runs (the FX thread in the app; a same-thread executor in tests)
     */
    public DeferredStartup(Duration settle, Executor fx) {
        this.settle = Objects.requireNonNull(settle, "settle");
        this.fx = Objects.requireNonNull(fx, "fx");
    }

    /** Holds {@code work} back until the window has settled; dropped if the window closes first. */
    public synchronized void schedule(Runnable work) {
        if (!closed) {
            pending.add(Objects.requireNonNull(work, "work"));
        }
    }

    /** Starts the countdown (the window is shown); later calls do nothing. */
    public synchronized void start() {
        if (closed || timer != null) {
            return;
        }
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "raylens-deferred-startup");
            thread.setDaemon(true);
            return thread;
        });
        t.schedule(this::release, settle.toMillis(), TimeUnit.MILLISECONDS);
        t.shutdown(); // the one delayed task still runs; the thread ends after it
        timer = t;
    }

    /** Whether held-back work is still waiting (for tests and the log). */
    public synchronized int pendingCount() {
        return pending.size();
    }

    /** Drops the work that has not started; what has started is cancelled by its own runner's close. */
    @Override
    public synchronized void close() {
        closed = true;
        pending.clear();
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void release() {
        List<Runnable> work;
        synchronized (this) {
            if (closed) {
                return;
            }
            work = List.copyOf(pending);
            pending.clear();
        }
        fx.execute(() -> {
            for (Runnable r : work) {
                synchronized (this) {
                    if (closed) {
                        return; // the window began closing between the timer and the FX thread
                    }
                }
                r.run();
            }
        });
    }
}
