package org.raylens.inference.weights.torch;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A PyTorch checkpoint that RayLens will not read: damaged, built in a way the reader does not support, or asking the
 * unpickler for something outside its allow-list. Always names the file so the user knows which one to replace; each
 * subclass says what kind of problem it is so callers can react (and tests can assert) without parsing messages.
 */
public class TorchCheckpointException extends IOException {
    private final Path file;

    public TorchCheckpointException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public TorchCheckpointException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The file is not a PyTorch checkpoint at all (neither the zip format nor the legacy pickle stream). */
    public static final class NotACheckpoint extends TorchCheckpointException {
        public NotACheckpoint(Path file, String message) {
            super(file, "not a PyTorch checkpoint: " + message);
        }
    }

    /** The pre-1.6 non-zip format: recognised, not read. */
    public static final class LegacyFormat extends TorchCheckpointException {
        public LegacyFormat(Path file) {
            super(file, "this is PyTorch's legacy (pre-1.6, non-zip) checkpoint format, which RayLens does not read;"
                    + " convert it once in Python with torch.save(torch.load(path, weights_only=True), new_path),"
                    + " which writes the default zip format");
        }
    }

    /** The file ends early or an entry claims more bytes than the file holds (an interrupted download). */
    public static final class Truncated extends TorchCheckpointException {
        public Truncated(Path file, String message) {
            super(file, message + " (the file looks truncated: download it again)");
        }
    }

    /** The zip container is damaged or uses a feature torch never writes (compression, encryption, spanning). */
    public static final class BadZip extends TorchCheckpointException {
        public BadZip(Path file, String message) {
            super(file, "damaged or unsupported zip container: " + message);
        }
    }

    /** The pickle stream is malformed: unknown opcode, stack underflow, wrong argument types, a bad memo index. */
    public static final class BadPickle extends TorchCheckpointException {
        public BadPickle(Path file, String message) {
            super(file, "malformed checkpoint pickle: " + message);
        }
    }

    /**
     * The pickle asks for a global outside the allow-list in a way that would run code in Python (calling it, or
     * building it into the weights). Nothing is run in any case; the refusal names the global.
     */
    public static final class UnsafePickle extends TorchCheckpointException {
        private final String global;

        public UnsafePickle(Path file, String global, String message) {
            super(file, "refused global '" + global + "': " + message + " (RayLens only rebuilds tensors and plain"
                    + " containers from a checkpoint, as torch.load(weights_only=True) does, and never runs code)");
            this.global = global;
        }

        /** The refused global as {@code module.name}, e.g. {@code posix.system}. */
        public String global() {
            return global;
        }
    }

    /** A tensor or storage whose declared layout disagrees with the bytes present (sizes, offsets, strides). */
    public static final class BadLayout extends TorchCheckpointException {
        public BadLayout(Path file, String message) {
            super(file, "inconsistent tensor layout: " + message);
        }
    }

    /** A tensor whose element type cannot be read the way the caller asked (e.g. int64 read as float weights). */
    public static final class UnsupportedDtype extends TorchCheckpointException {
        public UnsupportedDtype(Path file, String message) {
            super(file, message);
        }
    }

    /** No dictionary of tensors where one was expected, or no tensor of the requested name. */
    public static final class NoStateDict extends TorchCheckpointException {
        public NoStateDict(Path file, String message) {
            super(file, message);
        }
    }

    /** A weight that is NaN or infinite: every forward would produce NaN, so it is refused at load. */
    public static final class NonFinite extends TorchCheckpointException {
        private final String tensor;

        public NonFinite(Path file, String tensor, long index, long count, double value) {
            super(file, "tensor '" + tensor + "' holds " + value + " at element " + index + " of " + count
                    + "; weights must be finite (the file is corrupt or the model diverged in training)");
            this.tensor = tensor;
        }

        public String tensor() {
            return tensor;
        }
    }
}
