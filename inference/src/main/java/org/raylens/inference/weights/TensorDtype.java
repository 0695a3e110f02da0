package org.raylens.inference.weights;

import java.util.Optional;

/** Element types named by the safetensors format, with their byte widths. Only the float ones load as weights. */
public enum TensorDtype {
    F64(8, true), F32(4, true), F16(2, true), BF16(2, true),
    I64(8, false), I32(4, false), I16(2, false), I8(1, false), U8(1, false), BOOL(1, false);

    private final int byteSize;
    private final boolean floatingPoint;

    TensorDtype(int byteSize, boolean floatingPoint) {
        this.byteSize = byteSize;
        this.floatingPoint = floatingPoint;
    }

    public int byteSize() {
        return byteSize;
    }

    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    public static Optional<TensorDtype> parse(String name) {
        for (TensorDtype t : values()) {
            if (t.name().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
