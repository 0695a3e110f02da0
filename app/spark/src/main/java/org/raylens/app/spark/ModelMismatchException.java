package org.raylens.app.spark;

/**
 * An executor cannot use the model the driver planned with: the folder is missing there, or its weights' SHA-256
 * differs from the driver's. The task fails (and with it the job) rather than write rows whose provenance would lie.
 */
public final class ModelMismatchException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ModelMismatchException(String message) {
        super(message);
    }
}
