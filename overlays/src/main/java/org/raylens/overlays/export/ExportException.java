package org.raylens.overlays.export;

import java.nio.file.Path;
import org.raylens.core.io.AtomicWriteException;

/** An export could not be written; the target is untouched (no partial file is ever left under its name). */
public class ExportException extends Exception {

    private final transient Path target;

    public ExportException(String message, Path target) {
        super(message + ": " + target);
        this.target = target;
    }

    public ExportException(String message, Path target, Throwable cause) {
        super(message + ": " + target + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
        this.target = target;
    }

    /** The shared atomic writer failed; its message already names the file. */
    public ExportException(AtomicWriteException cause) {
        super(cause.getMessage(), cause);
        this.target = cause.target();
    }

    /** The file that was to be written. */
    public Path target() {
        return target;
    }
}
