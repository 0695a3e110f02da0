package org.raylens.app.task;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Makes sure that closing the window ends the process. Armed when the window has closed, it waits a grace period
 * on a daemon thread; if the process is still alive then (a library thread that will not stop, a native load or
 * forward pass in flight, a stop step that blocks), it logs which threads are still running and halts the JVM. An
 * orderly exit within the grace period ends the daemon thread with the process, so the watchdog never acts.
 */
public final class ShutdownWatchdog {

    private static final Logger LOG = Logger.getLogger(ShutdownWatchdog.class.getName());

    private final Duration grace;
    private final IntConsumer halt;
    private final boolean watches;
    private final AtomicBoolean armed = new AtomicBoolean();

    /**
     * @param grace how long an orderly shutdown may take
     * @param halt  ends the process with the given status; {@code Runtime.getRuntime()::halt} outside tests
     */
    public ShutdownWatchdog(Duration grace, IntConsumer halt) {
        this.grace = Objects.requireNonNull(grace, "grace");
        this.halt = Objects.requireNonNull(halt, "halt");
        this.watches = true;
    }

    private ShutdownWatchdog() {
        this.grace = Duration.ZERO;
        this.halt = status -> { };
        this.watches = false;
    }

    /** The watchdog of the real process: halts the JVM (exit status 0: the user asked to close). */
    public static ShutdownWatchdog halting(Duration grace) {
        return new ShutdownWatchdog(grace, Runtime.getRuntime()::halt);
    }

    /** For an app embedded in another process (tests): that process decides when to end; arming only records. */
    public static ShutdownWatchdog embedded() {
        return new ShutdownWatchdog();
    }

    /** Starts the countdown; later calls do nothing. Returns whether this call armed it. */
    public boolean arm() {
        if (!armed.compareAndSet(false, true)) {
            return false;
        }
        if (!watches) {
            return true;
        }
        Thread t = new Thread(this::watch, "raylens-shutdown-watchdog");
        t.setDaemon(true);
        t.start();
        return true;
    }

    public boolean isArmed() {
        return armed.get();
    }

    private void watch() {
        try {
            Thread.sleep(grace.toMillis());
        } catch (InterruptedException e) {
            // Only a test interrupts it; nothing to halt then.
            Thread.currentThread().interrupt();
            return;
        }
        LOG.warning(() -> "shutdown still running " + grace.toMillis() + " ms after the window closed; halting. "
                + "Threads alive: " + liveThreads());
        for (Handler h : Logger.getLogger("").getHandlers()) {
            h.flush();
        }
        halt.accept(0);
    }

    /** One line per thread: name, daemon or not, state and the frame it is in, to say what held the exit up. */
    static String liveThreads() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey() != Thread.currentThread())
                .map(ShutdownWatchdog::describe)
                .sorted()
                .collect(Collectors.joining("; "));
    }

    private static String describe(Map.Entry<Thread, StackTraceElement[]> e) {
        Thread t = e.getKey();
        StackTraceElement[] stack = e.getValue();
        return t.getName() + (t.isDaemon() ? " (daemon) " : " ") + t.getState()
                + (stack.length > 0 ? " at " + stack[0] : "");
    }
}
