package org.raylens.inference.model;

import org.raylens.inference.weights.TensorInfo;

import java.util.Arrays;
import java.util.List;

/**
 * One parameter of the canonical (DINOv2-native) layout and where its bytes are: a single stored tensor, or several
 * stored tensors to concatenate along dimension 0 (HF's separate query/key/value become one fused qkv, rows q|k|v).
 */
public record WeightRef(String canonicalName, List<TensorInfo> parts, long[] shape) {
    public WeightRef {
        parts = List.copyOf(parts);
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public static WeightRef single(String canonical, TensorInfo t) {
        return new WeightRef(canonical, List.of(t), t.shape());
    }

    /** Concatenation along dim 0; the caller has checked that the trailing dimensions agree. */
    public static WeightRef concat(String canonical, List<TensorInfo> parts) {
        long[] s = parts.get(0).shape();
        long rows = 0;
        for (TensorInfo t : parts) {
            rows += t.shape()[0];
        }
        s[0] = rows;
        return new WeightRef(canonical, parts, s);
    }

    public String sourceNames() {
        return parts.stream().map(TensorInfo::name).reduce((a, b) -> a + "+" + b).orElse("");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightRef w && w.canonicalName.equals(canonicalName) && w.parts.equals(parts)
                && Arrays.equals(w.shape, shape);
    }

    @Override
    public int hashCode() {
        return canonicalName.hashCode();
    }
}
