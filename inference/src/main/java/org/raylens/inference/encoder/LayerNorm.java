package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** LayerNorm over the channel axis with the checkpoint's own eps (a wrong eps shows in the tiny_eps golden). */
public final class LayerNorm {
    private final NDArray weight;
    private final NDArray bias;
    private final float eps;

    public LayerNorm(NDArray weight, NDArray bias, double eps) {
        this.weight = weight;
        this.bias = bias;
        // torch's CPU kernel casts eps to the float accumulation type too
        this.eps = (float) eps;
    }

    public NDArray apply(NDArray x) {
        return x.getNDArrayInternal().layerNorm(x, new Shape(weight.getShape().get(0)), weight, bias, eps).singletonOrThrow();
    }
}
