package org.raylens.inference.encoder;

import ai.djl.ndarray.types.DataType;

/** Arithmetic precision of the forward pass. Half precisions are only offered on CUDA; CPU always runs fp32. */
public enum Precision {
    FP32(DataType.FLOAT32), FP16(DataType.FLOAT16), BF16(DataType.BFLOAT16);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }
}
