package org.raylens.inference.training;

import java.util.concurrent.atomic.AtomicBoolean;

/** A token set from another thread (a Ctrl-C shutdown hook, a Cancel button). */
public final class CancellationFlag implements CancellationToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get();
    }
}
