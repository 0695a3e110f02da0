package org.raylens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.raylens.app.task.FxBackgroundRunner;
import org.raylens.app.task.ShutdownWatchdog;
import org.raylens.inference.encoder.ComputeTarget;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 19's flaky close: a close request early in start-up left the packaged app running for seconds, because the
 * GPU probe began loading libtorch at once and a native load cannot be interrupted (it also stalls JavaFX's renderer
 * behind the C library's loader lock, see {@link org.raylens.app.task.DeferredStartup}). Here the probe is a slow,
 * uninterruptible stand-in (3 s, ignoring interrupts, as {@code dlopen} does); a close at 0–1000 ms after the window
 * appears must close the window and arm the watchdog within 2 s and must never have started the probe. Without a
 * close, the probe does run once the window has settled.
 */
class RayLensAppStartupWorkTest {

    private static final long LIMIT_MS = 2000;

    @TempDir
    Path config;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        Platform.setImplicitExit(false);
    }

    /** A probe that takes 3 s whatever happens, like a native library load. */
    private static final class SlowProbe {
        final AtomicInteger started = new AtomicInteger();

        ComputeTarget probe() {
            started.incrementAndGet();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < end) {
                Thread.onSpinWait(); // not interruptible, and it keeps a core busy as loading libtorch does
            }
            return ComputeTarget.cpu();
        }
    }

    private record Started(RayLensApp app, Stage stage, FxBackgroundRunner runner) {}

    private Started start(SlowProbe probe, ShutdownWatchdog watchdog) throws Exception {
        FxBackgroundRunner runner = new FxBackgroundRunner("startup-test", 2);
        RayLensApp app = new RayLensApp(new FakeStudyLoader(), runner, config, watchdog, probe::probe);
        Stage stage = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            app.start(s);
            return s;
        }).get(30, TimeUnit.SECONDS);
        return new Started(app, stage, runner);
    }

    @ParameterizedTest(name = "close {0} ms after the window appears")
    @ValueSource(ints = {0, 50, 200, 1000})
    void aCloseDuringStartUpNeverBeginsTheSlowProbeAndEndsWithinTwoSeconds(int delayMs) throws Exception {
        SlowProbe probe = new SlowProbe();
        List<Integer> halts = new CopyOnWriteArrayList<>();
        ShutdownWatchdog watchdog = new ShutdownWatchdog(Duration.ofSeconds(60), halts::add);
        Started s = start(probe, watchdog);
        Thread.sleep(delayMs);

        // the clock starts when the FX thread handles the request: how soon it gets to it on a loaded machine (the
        // first window of a cold JVM) is not what this test is about; what start-up work does after it is
        long[] t0 = new long[1];
        boolean closed = WaitForAsyncUtils.asyncFx(() -> {
            t0[0] = System.nanoTime();
            s.stage().fireEvent(new WindowEvent(s.stage(), WindowEvent.WINDOW_CLOSE_REQUEST));
            return !s.stage().isShowing() && s.app().isClosing();
        }).get(60, TimeUnit.SECONDS);
        assertTrue(closed, "the close request did not close the window and cancel start-up work at once");
        assertTrue(watchdog.isArmed(), "closing did not arm the exit watchdog");
        assertTrue(s.runner().awaitTerminationForTests(Math.max(1, LIMIT_MS - elapsedMs(t0[0]))),
                "background threads still running " + LIMIT_MS + " ms after the close request");
        // past the moment the probe would have begun: a closed window never starts it
        Thread.sleep(RayLensApp.STARTUP_SETTLE.toMillis() + 500 - delayMs);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, probe.started.get(), "the slow start-up probe began although the window was closing");
        assertEquals(List.of(), halts);
    }

    @Test
    void withoutACloseTheProbeRunsOnceTheWindowHasSettled() throws Exception {
        SlowProbe probe = new SlowProbe();
        Started s = start(probe, ShutdownWatchdog.embedded());
        assertEquals(0, probe.started.get(), "the probe must wait for the window to settle");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RayLensApp.STARTUP_SETTLE.toMillis() + 5000);
        while (probe.started.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(1, probe.started.get());
        WaitForAsyncUtils.asyncFx(() -> s.stage().fireEvent(
                new WindowEvent(s.stage(), WindowEvent.WINDOW_CLOSE_REQUEST))).get(5, TimeUnit.SECONDS);
    }

    private static long elapsedMs(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
