package org.raylens.inference.weights.torch;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view into a storage with an element offset,
 * a shape and strides (in elements). Built only through {@link TorchGlobals}, which checks that every element the
 * view can address lies inside the storage, so reading it later cannot run past the storage's bytes.
 */
record TorchTensorView(StorageRef storage, long offset, long[] shape, long[] stride) {
    TorchTensorView {
        shape = shape.clone();
        stride = stride.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    @Override
    public long[] stride() {
        return stride.clone();
    }

    long elementCount() {
        long n = 1;
        for (long s : shape) {
            n *= s; // cannot overflow: checked when the view was built
        }
        return n;
    }

    /** True when the elements lie in C order, one after another, so the bytes can be copied in one go. */
    boolean isContiguous() {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TorchTensorView v && v.storage == storage && v.offset == offset
                && java.util.Arrays.equals(v.shape, shape) && java.util.Arrays.equals(v.stride, stride);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(shape) * 31 + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return "tensor " + storage.dtype() + java.util.Arrays.toString(shape);
    }
}
