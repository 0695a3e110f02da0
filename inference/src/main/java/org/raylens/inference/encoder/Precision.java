package org.raylens.inference.encoder;

import ai.djl.ndarray.types.DataType;

/**
 * Arithmetic precision of the forward pass. On CUDA the NDArrays take this type; on the CPU, FP32 is the default and
 * exact mode, BF16 the fast mode (bf16 inside RayLens's kernel, float32 NDArrays; see {@link ComputeTarget}), and FP16
 * falls back to FP32.
 */
public enum Precision {
    FP32(DataType.FLOAT32), FP16(DataType.FLOAT16), BF16(DataType.BFLOAT16);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    /** The short lowercase name provenance and the CLI use: fp32, fp16, bf16. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public DataType dataType() {
        return dataType;
    }
}
