package org.raylens.app.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

class FxBackgroundRunnerTest {

    @BeforeAll
    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void worksOnANamedDaemonThreadAndDeliversOnTheFxThread() throws Exception {
        try (FxBackgroundRunner runner = new FxBackgroundRunner("test", 1)) {
            CompletableFuture<String> delivered = new CompletableFuture<>();
            runner.run(() -> {
                Thread t = Thread.currentThread();
                return t.getName() + " daemon=" + t.isDaemon() + " fx=" + Platform.isFxApplicationThread();
            }, worker -> delivered.complete(worker + " / delivered on fx=" + Platform.isFxApplicationThread()),
                    delivered::completeExceptionally);
            assertEquals("raylens-test-1 daemon=true fx=false / delivered on fx=true",
                    delivered.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void failuresAreDeliveredOnTheFxThread() throws Exception {
        try (FxBackgroundRunner runner = new FxBackgroundRunner("test", 1)) {
            CompletableFuture<String> failure = new CompletableFuture<>();
            runner.<String>run(() -> {
                throw new IOException("disk gone");
            }, ok -> failure.complete("unexpected success"),
                    e -> failure.complete(e.getMessage() + " fx=" + Platform.isFxApplicationThread()));
            String got = failure.get(10, TimeUnit.SECONDS);
            assertTrue(got.equals("disk gone fx=true"), got);
        }
    }

    @Test
    void closeInterruptsRunningWorkDropsQueuedWorkAndQuietlyIgnoresLaterWork() throws Exception {
        FxBackgroundRunner runner = new FxBackgroundRunner("closing", 1);
        CompletableFuture<String> running = new CompletableFuture<>();
        CompletableFuture<String> started = new CompletableFuture<>();
        runner.run(() -> {
            started.complete("started");
            try {
                Thread.sleep(60_000);
                return running.complete("slept through the close");
            } catch (InterruptedException e) {
                return running.complete("interrupted");
            }
        }, ok -> { }, e -> { });
        CompletableFuture<String> queued = new CompletableFuture<>();
        runner.run(() -> queued.complete("ran"), ok -> { }, e -> { });
        started.get(10, TimeUnit.SECONDS);

        runner.close();

        assertEquals("interrupted", running.get(2, TimeUnit.SECONDS));
        assertTrue(runner.awaitTerminationForTests(2000), "the worker thread did not end within 2 s of close");
        assertTrue(!queued.isDone(), "queued work ran after close");
        // A late callback hands in work while the window closes: nothing starts and nothing is thrown.
        runner.run(() -> queued.complete("ran after close"), ok -> { }, e -> { });
        Thread.sleep(100);
        assertTrue(!queued.isDone(), "work handed in after close ran");
    }
}
