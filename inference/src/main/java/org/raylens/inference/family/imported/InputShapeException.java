package org.raylens.inference.family.imported;

/**
 * An input tensor an imported model cannot take: wrong rank, channel count or size. Imported graphs are traced at
 * one size (the manifest's input.height × input.width) and are not resized behind the caller's back.
 */
public final class InputShapeException extends IllegalArgumentException {
    public InputShapeException(String message) {
        super(message);
    }
}
