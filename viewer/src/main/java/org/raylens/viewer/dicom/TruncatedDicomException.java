package org.raylens.viewer.dicom;

import java.nio.file.Path;

/** The data ends before a declared length or a required element: the file was cut short. */
public class TruncatedDicomException extends MalformedDicomException {
    private static final long serialVersionUID = 1L;

    public TruncatedDicomException(String reason, Path file, int tag, long offset) {
        super(reason, file, tag, offset);
    }
}
