package org.raylens.viewer.study;

/**
 * Lets a caller ask long work to stop. Work polls {@link #isCancelled()} between units and, when asked, stops and
 * throws {@link java.util.concurrent.CancellationException}; it never leaves half-written state behind.
 */
@FunctionalInterface
public interface CancellationToken {
    /** A token that is never cancelled. */
    CancellationToken NONE = () -> false;

    boolean isCancelled();

    /** A token a caller can cancel, e.g. from a "Stop" button or a test. */
    static Source newSource() {
        return new Source();
    }

    /** A cancellable token: {@link #cancel()} is thread-safe and permanent. */
    final class Source implements CancellationToken {
        private volatile boolean cancelled;

        private Source() {}

        public void cancel() {
            cancelled = true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }
    }
}
