package org.raylens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.raylens.app.open.LoadedStudy;
import org.raylens.app.open.StudyInstance;
import org.raylens.app.open.StudyLoadException;
import org.raylens.app.open.StudyLoader;
import org.raylens.app.task.FxBackgroundRunner;
import org.raylens.app.task.ShutdownWatchdog;
import org.raylens.viewer.image.DisplayableImage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12: a close request is honoured at any moment of start-up. Headless, with real background threads and a
 * study listing that takes as long as a first start's sample generation, the window is asked to close (the event an
 * OS close button produces) at several moments after it appears; each time it must be gone, its background work
 * cancelled and the exit watchdog armed within 2 s.
 */
class RayLensAppCloseTest {

    private static final long LIMIT_MS = 2000;

    @TempDir
    Path config;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
        // Each case closes its window; the toolkit must outlive it for the next case.
        Platform.setImplicitExit(false);
    }

    @ParameterizedTest(name = "close {0} ms after the window appears")
    @ValueSource(ints = {0, 50, 100, 200, 500, 1000})
    void aCloseRequestAtAnyMomentClosesTheWindowAndCancelsStartUpWorkWithinTwoSeconds(int delayMs) throws Exception {
        SlowListing loader = new SlowListing();
        FxBackgroundRunner runner = new FxBackgroundRunner("close-test", 2);
        List<Integer> halts = new CopyOnWriteArrayList<>();
        ShutdownWatchdog watchdog = new ShutdownWatchdog(Duration.ofSeconds(60), halts::add);
        RayLensApp app = new RayLensApp(loader, runner, config, watchdog);
        Stage stage = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            app.start(s);
            return s;
        }).get(30, TimeUnit.SECONDS);
        assertTrue(stage.isShowing());
        Thread.sleep(delayMs);

        long t0 = System.nanoTime();
        WaitForAsyncUtils.asyncFx(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertTrue(within(() -> !stage.isShowing() && app.isClosing(), t0),
                "the window was still open " + LIMIT_MS + " ms after the close request");
        assertTrue(watchdog.isArmed(), "closing did not arm the exit watchdog");
        assertTrue(runner.awaitTerminationForTests(Math.max(1, LIMIT_MS - elapsedMs(t0))),
                "background threads still running " + LIMIT_MS + " ms after the close request");
        assertTrue(loader.finished(), "the start-up listing was neither finished nor cancelled");
        assertEquals(List.of(), halts, "the watchdog acted before its grace period");
    }

    private static boolean within(BooleanSupplier condition, long t0) throws Exception {
        while (elapsedMs(t0) < LIMIT_MS) {
            if (WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get(LIMIT_MS, TimeUnit.MILLISECONDS)) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private static long elapsedMs(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Lists the fake study after 400 ms of interruptible work, like the sample generation on a first start. */
    private static final class SlowListing implements StudyLoader {
        private final FakeStudyLoader fake = new FakeStudyLoader();
        private volatile boolean done;

        @Override
        public LoadedStudy load(List<Path> inputs) throws StudyLoadException {
            try {
                Thread.sleep(400);
                return fake.load(inputs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StudyLoadException("cancelled", e);
            } finally {
                done = true;
            }
        }

        @Override
        public DisplayableImage open(StudyInstance instance) throws StudyLoadException {
            return fake.open(instance);
        }

        boolean finished() {
            return done;
        }
    }
}
