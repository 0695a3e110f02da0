package org.raylens.viewer.study;

/**
 * Receives progress of long work (indexing) as "done of total" units. Called from the thread doing the work; an FX
 * implementation hops to the FX thread itself, a CLI one prints. Must be cheap and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Does nothing. */
    ProgressListener NONE = (done, total) -> { };

    /**
     * @param done  units finished so far
     * @param total units in all (known before the first call)
     */
    void progress(long done, long total);
}
