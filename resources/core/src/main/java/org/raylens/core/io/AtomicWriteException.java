package org.raylens.core.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file or folder could not be written; the target is as it was (no partial file is ever left under its name). */
public class AtomicWriteException extends IOException {

    private final transient Path target;

    public AtomicWriteException(String message, Path target) {
        super(message + ": " + target);
        this.target = target;
    }

    public AtomicWriteException(String message, Path target, Throwable cause) {
        super(message + ": " + target + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
        this.target = target;
    }

    /** The file or folder that was to be written. */
    public Path target() {
        return target;
    }
}
