package org.raylens.viewer.dicom;

import java.nio.file.Path;

/**
 * The header is readable but the pixel data is not: missing or inconsistent image attributes, too few bytes for the
 * declared image, or a codec that rejects the encoded stream.
 */
public class PixelDataException extends DicomException {
    private static final long serialVersionUID = 1L;

    public PixelDataException(String reason, Path file, int tag, long offset) {
        super(reason, file, tag, offset);
    }

    public PixelDataException(String reason, Path file, int tag, long offset, Throwable cause) {
        super(reason, file, tag, offset, cause);
    }
}
