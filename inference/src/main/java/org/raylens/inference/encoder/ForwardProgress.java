package org.raylens.inference.encoder;

import java.util.concurrent.CancellationException;

/**
 * Progress and cancellation for a forward pass (a ViT-B at 518 px takes seconds on a CPU): called after each block on
 * the predictor's thread; {@link #isCancelled()} is polled between blocks and stops the pass with a
 * {@link CancellationException}, freeing everything it allocated.
 */
public interface ForwardProgress {
    ForwardProgress NONE = new ForwardProgress() {
    };

    default void blockDone(int done, int total) {
    }

    default boolean isCancelled() {
        return false;
    }
}
