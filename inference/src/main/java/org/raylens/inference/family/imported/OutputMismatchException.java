package org.raylens.inference.family.imported;

/**
 * A graph's outputs do not match its manifest: fewer outputs than an {@code index} names, or an output whose shape is
 * not the one declared. The model file and the manifest disagree: one of them is from another model.
 */
public final class OutputMismatchException extends IllegalStateException {
    public OutputMismatchException(String message) {
        super(message);
    }
}
