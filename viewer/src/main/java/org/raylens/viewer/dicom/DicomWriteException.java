package org.raylens.viewer.dicom;

import java.nio.file.Path;

/**
 * A dataset could not be written: it breaks an encoding rule RayLens will not paper over (a value too long for its
 * VR's length field, a binary value whose length is not a multiple of its unit, pixel values that do not match the
 * image attributes), the target exists and overwriting was not asked for, or the file system failed. When this is
 * thrown no file has been created or changed at the target path.
 */
public class DicomWriteException extends DicomException {
    private static final long serialVersionUID = 1L;

    public DicomWriteException(String reason, Path file, int tag, Throwable cause) {
        super(reason, file, tag, NO_OFFSET, cause);
    }

    public DicomWriteException(String reason, Path file, int tag) {
        this(reason, file, tag, null);
    }
}
