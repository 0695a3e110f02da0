package org.raylens.app.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or a plain {@code kill}) during a long command: the JVM's shutdown hook tells the command to stop at its
 * next safe point, then holds the exit until the command has left its output consistent (rows written whole and
 * forced, a checkpoint saved) and said how to resume, or until the grace period ends. Closing the hook (in a
 * {@code finally}) both releases a waiting shutdown and unregisters the hook when the command ends normally.
 */
final class InterruptHook implements AutoCloseable {
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean requested;

    private InterruptHook(String name, Runnable onInterrupt, Duration grace) {
        thread = new Thread(() -> {
            requested = true;
            onInterrupt.run();
            try {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
    }

    /**
     * @param onInterrupt run on the hook's thread when the JVM is asked to stop (e.g. set a cancellation flag)
     * @param grace       how long the exit waits for the command to finish its current item
     */
    static InterruptHook install(String name, Runnable onInterrupt, Duration grace) {
        InterruptHook hook = new InterruptHook(name, onInterrupt, grace);
        Runtime.getRuntime().addShutdownHook(hook.thread);
        return hook;
    }

    /** True once the JVM has been asked to stop: finish the current item, keep what is done, and return. */
    boolean requested() {
        return requested;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already exiting (Ctrl-C): the hook is running and has just been released
        }
    }
}
