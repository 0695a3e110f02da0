package org.raylens.viewer.image;

import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomException;

/**
 * A PNG, JPEG or TIFF file (or a file that is neither DICOM nor one of those) that cannot be read as an image: an
 * unknown format, a corrupt stream, or dimensions too large to hold. A {@link DicomException} so callers handle
 * every image-opening failure in one place.
 */
public class UnreadableImageException extends DicomException {
    private static final long serialVersionUID = 1L;

    public UnreadableImageException(String reason, Path file, Throwable cause) {
        super(reason, file, NO_TAG, NO_OFFSET, cause);
    }

    public UnreadableImageException(String reason, Path file) {
        this(reason, file, null);
    }
}
