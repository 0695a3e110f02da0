package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Non-overlapping patch×patch convolution (stride = kernel) turning (B, C, H, W) into (B, rows·cols, D), row-major. */
public final class PatchEmbedding {
    private final NDArray weight;
    private final NDArray bias;
    private final int patch;

    public PatchEmbedding(NDArray weight, NDArray bias, int patch) {
        this.weight = weight;
        this.bias = bias;
        this.patch = patch;
    }

    public NDArray apply(NDArray images) {
        NDArray conv = images.getNDArrayInternal().convolution(images, weight, bias, new Shape(patch, patch),
                new Shape(0, 0), new Shape(1, 1), 1).singletonOrThrow();
        Shape s = conv.getShape();
        NDArray tokens = conv.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1);
        return tokens;
    }
}
