package org.raylens.app.task;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs blocking work away from the UI thread and hands the outcome back on it. View-models depend on this interface
 * only, so tests pass a same-thread runner and assert without waiting.
 */
public interface BackgroundRunner {

    /**
     * Runs {@code work} in the background, then {@code onSuccess} or {@code onFailure} on the UI thread.
     */
    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Exception> onFailure);

    /**
     * Runs {@code update} on the UI thread; background work uses it to report progress. The default runs it at once
     * (same-thread runners in tests); the FX runner posts it to the FX thread.
     */
    default void onUi(Runnable update) {
        update.run();
    }
}
