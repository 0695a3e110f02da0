package org.raylens.core.progress;

/**
 * Receives progress of long work (indexing a folder, a forward pass block by block, feature extraction) as "done of
 * total" units with an optional note naming the current item. The one progress callback of RayLens: the window's
 * implementation hops to the FX thread itself, the CLI's prints. Called from the thread doing the work; must be cheap
 * and must not throw.
 */
@FunctionalInterface
public interface Progress {
    /** Does nothing. */
    Progress NONE = (done, total, message) -> { };

    /**
     * @param done    units finished so far
     * @param total   units in all (known before the first call)
     * @param message the current item or step, or "" when there is nothing to add
     */
    void report(long done, long total, String message);

    /** As {@link #report(long, long, String)} without a note. */
    default void report(long done, long total) {
        report(done, total, "");
    }
}
