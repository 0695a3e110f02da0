package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;

/** y = x·Wᵀ + b through libtorch's linear (one GEMM with the bias fused), as torch.nn.Linear. */
final class Linear {
    private final NDArray weight;
    private final NDArray bias;

    Linear(NDArray weight, NDArray bias) {
        this.weight = weight;
        this.bias = bias;
    }

    NDArray apply(NDArray x) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    long outFeatures() {
        return weight.getShape().get(0);
    }
}
