package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;

/** y = x·Wᵀ + b through libtorch's linear (one GEMM with the bias fused), as torch.nn.Linear. */
public final class Linear {
    private final NDArray weight;
    private final NDArray bias;

    public Linear(NDArray weight, NDArray bias) {
        this.weight = weight;
        this.bias = bias;
    }

    public NDArray apply(NDArray x) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    public long outFeatures() {
        return weight.getShape().get(0);
    }
}
