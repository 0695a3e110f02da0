package org.raylens.viewer.dicom.codec;

import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.PixelDataException;
import org.raylens.viewer.dicom.Tag;

/** Builds the typed errors every codec raises, so that each names Pixel Data and, where known, the stream offset. */
public final class CodecErrors {

    private CodecErrors() {
    }

    /** A corrupt or inconsistent stream; {@code offset} is the byte offset inside the frame's encoded bytes. */
    public static PixelDataException corrupt(String reason, long offset) {
        return new PixelDataException(reason, null, Tag.PixelData, offset);
    }

    /** A corrupt stream with no meaningful offset. */
    public static PixelDataException corrupt(String reason) {
        return new PixelDataException(reason, null, Tag.PixelData, DicomException.NO_OFFSET);
    }

    /**
     * Lets errors that mean the JVM itself is broken (InternalError, UnknownError) propagate. Everything else a
     * third-party decoder throws — including OutOfMemoryError from a bogus size, StackOverflowError, and the
     * ThreadDeath that jj2000 (inside jai-imageio) throws on a fatal stream error — describes bad input and becomes a
     * typed error.
     */
    public static void rethrowIfFatal(Throwable t) {
        if (t instanceof VirtualMachineError && !(t instanceof OutOfMemoryError) && !(t instanceof StackOverflowError)) {
            throw (VirtualMachineError) t;
        }
    }

    /** Wraps whatever a third-party decoder threw (checked or not) so the caller only sees a typed error. */
    public static PixelDataException wrap(String codec, Throwable cause) {
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new PixelDataException(codec + " could not decode the frame (" + detail + ")", null, Tag.PixelData,
                DicomException.NO_OFFSET, cause);
    }
}
