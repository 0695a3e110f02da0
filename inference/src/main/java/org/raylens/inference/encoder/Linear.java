package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;
import org.raylens.inference.kernel.TorchKernel;

/**
 * y = x·Wᵀ + b through libtorch's linear (one GEMM with the bias fused), as torch.nn.Linear.
 *
 * <p>A layer {@link #heldBy held by} a bf16 {@link TorchKernel} multiplies in bf16 inside the kernel, where its bf16
 * weight was made once; a pass that records gradients (Grad-CAM's last block, input gradients) takes the float32 DJL
 * path with the same weights, since the kernel runs outside autograd.
 */
public final class Linear {
    private final NDArray weight;
    private final NDArray bias;
    private final TorchKernel kernel;
    private final int slot;

    public Linear(NDArray weight, NDArray bias) {
        this(weight, bias, null, -1);
    }

    private Linear(NDArray weight, NDArray bias, TorchKernel kernel, int slot) {
        this.weight = weight;
        this.bias = bias;
        this.kernel = kernel;
        this.slot = slot;
    }

    /** This layer run by the kernel (its weight handed to {@link TorchKernel#hold} once, here). */
    public Linear heldBy(TorchKernel kernel) {
        return new Linear(weight, bias, kernel, kernel.hold(weight, bias));
    }

    public NDArray apply(NDArray x) {
        if (kernel != null && TorchKernel.outsideAutograd()) {
            return kernel.linear(x, slot, outFeatures());
        }
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    public long outFeatures() {
        return weight.getShape().get(0);
    }
}
