package org.raylens.inference.weights.torch;

import org.raylens.inference.weights.TensorDtype;

import java.util.Arrays;

/**
 * One tensor of a PyTorch state dict, described the way {@link org.raylens.inference.weights.TensorInfo} describes a
 * safetensors entry (name, element type, shape) plus where it lives: a view into a storage that other tensors may
 * share, with an element offset and strides. Reading it always yields C-order values, whatever the strides.
 */
public record TorchTensorInfo(String name, TensorDtype dtype, long[] shape, long[] stride, long storageOffset,
                              String storageKey) {
    public TorchTensorInfo {
        shape = shape.clone();
        stride = stride.clone();
    }

    static TorchTensorInfo of(String name, TorchTensorView v) {
        return new TorchTensorInfo(name, v.storage().dtype(), v.shape(), v.stride(), v.offset(), v.storage().key());
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public long[] stride() {
        return stride.clone();
    }

    public long elementCount() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return n;
    }

    public String shapeString() {
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TorchTensorInfo t && t.name.equals(name) && t.dtype == dtype && Arrays.equals(t.shape, shape)
                && Arrays.equals(t.stride, stride) && t.storageOffset == storageOffset && t.storageKey.equals(storageKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + shapeString();
    }
}
