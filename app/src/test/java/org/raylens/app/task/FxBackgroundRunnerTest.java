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
}
