package org.raylens.inference.kernel;

/** The libtorch in this process cannot compile or load RayLens's TorchScript kernel (the cause says why). */
public final class KernelUnavailableException extends RuntimeException {
    public KernelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
