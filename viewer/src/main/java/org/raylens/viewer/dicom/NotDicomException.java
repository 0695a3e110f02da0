package org.raylens.viewer.dicom;

import java.nio.file.Path;

/**
 * The bytes are not DICOM at all (no "DICM" magic, no meta group, no plausible first element): a PNG, a text file or
 * anything else that shares a folder with a study. A subtype of {@link MalformedDicomException} so existing handling
 * stays correct, and its own type so a folder scan can count such files instead of reporting them as damaged.
 */
public class NotDicomException extends MalformedDicomException {
    private static final long serialVersionUID = 1L;

    public NotDicomException(String reason, Path file, long offset) {
        super(reason, file, DicomException.NO_TAG, offset);
    }
}
