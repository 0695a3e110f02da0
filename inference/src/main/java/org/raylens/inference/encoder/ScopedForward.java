package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Map;

/**
 * A forward pass seen from inside its NDManager scope, for callers inside the inference module that must keep
 * computing on libtorch arrays (a classifier head and a backward pass for Grad-CAM). Everything here, and everything
 * created from it, is freed when the consumer returns: copy out what must survive.
 *
 * @param lastHiddenState (B, N, D) after the final LayerNorm
 * @param taps            the requested activations; with gradients requested they are leaves that accumulate them
 * @param scope           the forward's manager, for creating further arrays that die with it
 */
public record ScopedForward(NDArray lastHiddenState, Map<Tap, NDArray> taps, TokenLayout layout, NDManager scope) {
    public ScopedForward {
        taps = Map.copyOf(taps);
    }
}
