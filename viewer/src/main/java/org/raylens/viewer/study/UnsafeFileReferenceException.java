package org.raylens.viewer.study;

import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.Tag;

/**
 * A DICOMDIR's Referenced File ID points outside the DICOMDIR's folder (through "..", an absolute path, or a
 * symbolic link) or is not a valid file ID. Such a reference is never followed: a crafted DICOMDIR must not make
 * RayLens read arbitrary files.
 */
public class UnsafeFileReferenceException extends DicomException {
    private static final long serialVersionUID = 1L;

    public UnsafeFileReferenceException(String reason, Path dicomdir) {
        super(reason, dicomdir, Tag.ReferencedFileID, NO_OFFSET);
    }
}
