package org.raylens.core.progress;

import java.util.concurrent.CancellationException;

/**
 * Lets a caller ask long work to stop: the one cancellation type of RayLens (a Stop button, a window closing, Ctrl-C
 * in the CLI). Work polls {@link #isCancelled()} between units (a file, a transformer block, a training step) and,
 * when asked, stops after the current unit with a {@link CancellationException}, leaving no half-written state,
 * caches and checkpoints consistent so that a later run can resume.
 */
@FunctionalInterface
public interface CancellationToken {
    /** A token that is never cancelled. */
    CancellationToken NONE = () -> false;

    boolean isCancelled();

    /** Throws {@link CancellationException} naming {@code where} when cancelled. */
    default void throwIfCancelled(String where) {
        if (isCancelled()) {
            throw new CancellationException("cancelled " + where);
        }
    }

    /** A token a caller can cancel, e.g. from a "Stop" button, a shutdown hook or a test. */
    static Source newSource() {
        return new Source();
    }

    /** A cancellable token: {@link #cancel()} is thread-safe and permanent. */
    final class Source implements CancellationToken {
        private volatile boolean cancelled;

        private Source() {
        }

        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }
}
