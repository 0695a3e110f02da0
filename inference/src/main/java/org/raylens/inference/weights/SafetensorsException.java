package org.raylens.inference.weights;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safetensors file that cannot be trusted: truncated, malformed header, inconsistent tensor layout or an
 * unsupported element type. Always carries the file so the message tells the user which download to replace.
 */
public class SafetensorsException extends IOException {
    private final Path file;

    public SafetensorsException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public SafetensorsException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The file ends before its header or before the data its header describes (an interrupted download). */
    public static final class Truncated extends SafetensorsException {
        public Truncated(Path file, String message) {
            super(file, message + " (the file looks truncated: download it again)");
        }
    }

    /** The JSON header is too large, not JSON, or does not describe tensors the way the format requires. */
    public static final class MalformedHeader extends SafetensorsException {
        public MalformedHeader(Path file, String message) {
            super(file, "malformed safetensors header: " + message);
        }

        public MalformedHeader(Path file, String message, Throwable cause) {
            super(file, "malformed safetensors header: " + message, cause);
        }
    }

    /** Offsets outside the data area, overlapping tensors, or a byte length that disagrees with dtype × shape. */
    public static final class BadLayout extends SafetensorsException {
        public BadLayout(Path file, String message) {
            super(file, "inconsistent tensor layout: " + message);
        }
    }

    /** A tensor stored in an element type that RayLens cannot turn into float32 (e.g. I64 where a weight is expected). */
    public static final class UnsupportedDtype extends SafetensorsException {
        public UnsupportedDtype(Path file, String message) {
            super(file, message);
        }
    }

    /** A weight that is NaN or infinite: every forward would produce NaN, so the file is refused at load. */
    public static final class NonFinite extends SafetensorsException {
        private final String tensor;

        public NonFinite(Path file, String tensor, long index, long count, double value) {
            super(file, "tensor '" + tensor + "' holds " + value + " at element " + index + " of " + count
                    + "; weights must be finite (the file is corrupt or the model diverged in training)");
            this.tensor = tensor;
        }

        /** The name of the offending tensor as stored in the file. */
        public String tensor() {
            return tensor;
        }
    }
}
