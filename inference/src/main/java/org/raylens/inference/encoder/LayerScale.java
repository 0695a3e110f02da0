package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;

/** Per-channel scaling of a residual branch (DINOv2's ls1/ls2). A checkpoint without it gets the identity. */
public final class LayerScale {
    private final NDArray gamma;

    private LayerScale(NDArray gamma) {
        this.gamma = gamma;
    }

    public static LayerScale of(NDArray gamma) {
        return new LayerScale(gamma);
    }

    public static LayerScale identity() {
        return new LayerScale(null);
    }

    /** Scales out of place (for passes that record gradients, where the branch may be needed by autograd). */
    public NDArray apply(NDArray branch) {
        return gamma == null ? branch : branch.mul(gamma);
    }

    /** Scales the branch in place (it is a temporary of the block) and returns it. */
    public NDArray applyInPlace(NDArray branch) {
        return gamma == null ? branch : branch.muli(gamma);
    }
}
