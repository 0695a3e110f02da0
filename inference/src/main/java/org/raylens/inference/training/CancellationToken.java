package org.raylens.inference.training;

/**
 * Asked between units of work (an image's forward, a training step, an epoch) whether to stop. Stopping raises
 * {@link java.util.concurrent.CancellationException} after the current unit, leaving caches and checkpoints
 * consistent so a later run can resume.
 */
@FunctionalInterface
public interface CancellationToken {
    CancellationToken NONE = () -> false;

    boolean isCancelled();

    /** Throws {@link java.util.concurrent.CancellationException} with {@code where} when cancelled. */
    default void throwIfCancelled(String where) {
        if (isCancelled()) {
            throw new java.util.concurrent.CancellationException("cancelled " + where);
        }
    }
}
