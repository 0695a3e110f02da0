package org.raylens.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownWatchdogTest {

    @Test
    void onceArmedItHaltsWithStatusZeroAfterTheGracePeriodAndOnlyOnce() throws Exception {
        BlockingQueue<Integer> halts = new ArrayBlockingQueue<>(4);
        ShutdownWatchdog watchdog = new ShutdownWatchdog(Duration.ofMillis(300), halts::add);
        long t0 = System.nanoTime();
        assertTrue(watchdog.arm());
        assertFalse(watchdog.arm(), "a second close request does not start a second countdown");
        Integer status = halts.poll(5, TimeUnit.SECONDS);
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, status, "closing the window is a normal end");
        assertTrue(waitedMs >= 300, "halted before the grace period: " + waitedMs + " ms");
        assertNull(halts.poll(500, TimeUnit.MILLISECONDS), "halted twice");
    }

    @Test
    void itNeverHaltsUnlessArmed() throws Exception {
        BlockingQueue<Integer> halts = new ArrayBlockingQueue<>(1);
        ShutdownWatchdog watchdog = new ShutdownWatchdog(Duration.ofMillis(50), halts::add);
        assertNull(halts.poll(300, TimeUnit.MILLISECONDS));
        assertFalse(watchdog.isArmed());
    }

    @Test
    void itsThreadIsADaemonThatNeverKeepsTheJvmAlive() {
        String threads = ShutdownWatchdog.liveThreads();
        new ShutdownWatchdog(Duration.ofSeconds(30), s -> { }).arm();
        Thread watchdog = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("raylens-shutdown-watchdog")).findFirst().orElseThrow();
        assertTrue(watchdog.isDaemon());
        assertTrue(threads.contains("Reference Handler (daemon) "), "the report names the threads that are still alive: " + threads);
        watchdog.interrupt();
    }
}
