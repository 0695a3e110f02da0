package org.raylens.inference.encoder;

import ai.djl.Device;

/**
 * Where and in what precision the encoder runs, with the sentence explaining how that was decided (it goes into
 * provenance and the UI). CUDA is used only when asked for and when DJL's PyTorch engine sees a GPU; otherwise the
 * request falls back to CPU fp32 with a message saying why.
 * libtorch's thread count is not part of a target: it is process-wide, set once by {@link TorchEngine#configure}.
 */
public record ComputeTarget(Device device, Precision precision, String message) {

    public static ComputeTarget cpu() {
        return new ComputeTarget(Device.cpu(), Precision.FP32, "CPU, float32");
    }

    /** @param wantGpu try CUDA; @param precision wanted on the GPU (ignored on CPU, which is always fp32) */
    public static ComputeTarget resolve(boolean wantGpu, Precision precision) {
        if (!wantGpu) {
            String m = precision == Precision.FP32 ? "CPU, float32"
                    : "CPU, float32 (" + precision + " is offered on CUDA only)";
            return new ComputeTarget(Device.cpu(), Precision.FP32, m);
        }
        int gpus;
        try {
            gpus = TorchEngine.get().getGpuCount();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return new ComputeTarget(Device.cpu(), Precision.FP32,
                    "GPU requested but the PyTorch engine could not query CUDA (" + e.getMessage() + "); running on CPU, float32");
        }
        if (gpus <= 0) {
            return new ComputeTarget(Device.cpu(), Precision.FP32,
                    "GPU requested but no CUDA device is usable by this libtorch build (CPU-only natives or no driver); "
                            + "running on CPU, float32");
        }
        return new ComputeTarget(Device.gpu(0), precision, "CUDA device 0, " + precision.name().toLowerCase());
    }

    public boolean isCpu() {
        return !device.isGpu();
    }
}
