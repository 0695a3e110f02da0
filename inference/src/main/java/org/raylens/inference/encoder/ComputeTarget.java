package org.raylens.inference.encoder;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import org.raylens.inference.kernel.CpuFeatures;

/**
 * Where and in what precision the encoder runs, with the sentence explaining how that was decided (it goes into
 * provenance and the UI). CUDA is used only when asked for and when DJL's PyTorch engine sees a GPU; otherwise the
 * request falls back to the CPU with a message saying why. On the CPU, bf16 is the opt-in fast mode: the matmuls run
 * in bf16 inside RayLens's TorchScript kernel while every DJL tensor stays float32 ({@link #tensorType()}); fp16
 * falls back to float32 there.
 * libtorch's thread count is not part of a target: it is process-wide, set once by {@link TorchEngine#configure}.
 */
public record ComputeTarget(Device device, Precision precision, String message) {

    public static ComputeTarget cpu() {
        return new ComputeTarget(Device.cpu(), Precision.FP32, "CPU, float32");
    }

    /** @param wantGpu try CUDA; @param precision wanted (on the CPU: fp32, or bf16 fast mode; fp16 falls back) */
    public static ComputeTarget resolve(boolean wantGpu, Precision precision) {
        return resolve(wantGpu, precision, CpuFeatures.detect());
    }

    /** As {@link #resolve(boolean, Precision)} on a CPU with the given features. */
    public static ComputeTarget resolve(boolean wantGpu, Precision precision, CpuFeatures cpu) {
        if (!wantGpu) {
            return cpu(precision, cpu);
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

    /** The CPU target for a wanted precision: bf16 is the fast mode, said to be slower where bf16 is not native. */
    public static ComputeTarget cpu(Precision precision, CpuFeatures cpu) {
        return switch (precision) {
            case FP32 -> cpu();
            case FP16 -> new ComputeTarget(Device.cpu(), Precision.FP32, "CPU, float32 (FP16 is offered on CUDA only)");
            case BF16 -> new ComputeTarget(Device.cpu(), Precision.BF16, "CPU, bf16 fast mode (linear layers and attention"
                    + " multiply in bf16 with float32 accumulation; LayerNorm, softmax and outputs float32)"
                    + (cpu.nativeBf16() ? "" : "; " + bf16Warning(cpu)));
        };
    }

    /** Why bf16 is not offered by default on this CPU, or empty where it multiplies bf16 natively. */
    public static String bf16Warning(CpuFeatures cpu) {
        return cpu.nativeBf16() ? "" : "this CPU has no native bf16 (no avx512_bf16, no amx_bf16): bf16 is emulated"
                + " and slower than float32";
    }

    /**
     * The dtype of the encoder's NDArrays: the precision on a GPU; float32 on the CPU, where bf16 lives only inside
     * RayLens's kernel (a bf16 NDArray ends the JVM in DJL 0.35/0.36).
     */
    public DataType tensorType() {
        return isCpu() ? DataType.FLOAT32 : precision.dataType();
    }

    /** True for the CPU's bf16 fast mode: linears and attention run in bf16 inside the kernel. */
    public boolean cpuBf16() {
        return isCpu() && precision == Precision.BF16;
    }

    public boolean isCpu() {
        return !device.isGpu();
    }
}
