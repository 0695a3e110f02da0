package org.raylens.inference.encoder;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns libtorch's autograd recording off for the current thread until closed, then restores what was there.
 *
 * <p>Why this exists: libtorch's grad mode is per thread and starts <em>enabled</em> on every new thread; DJL turns
 * it off only on the thread that first loads the engine. Work that reaches the engine first from another thread
 * (a UI background worker, a test runner's second class) then runs with recording on, and an in-place update of a
 * trainable parameter fails with "a leaf Variable that requires grad is being used in an in-place operation".
 * Optimiser steps and other in-place updates therefore run inside this scope.
 */
public final class NoGradScope implements AutoCloseable {
    private final boolean previous;

    private NoGradScope() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    public static NoGradScope enter() {
        return new NoGradScope();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
