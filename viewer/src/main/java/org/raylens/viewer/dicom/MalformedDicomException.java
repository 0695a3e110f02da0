package org.raylens.viewer.dicom;

import java.nio.file.Path;

/** The bytes do not form valid DICOM: bad preamble, a length beyond the data, an impossible VR, a broken sequence. */
public class MalformedDicomException extends DicomException {
    private static final long serialVersionUID = 1L;

    public MalformedDicomException(String reason, Path file, int tag, long offset) {
        super(reason, file, tag, offset);
    }

    public MalformedDicomException(String reason, Path file, int tag, long offset, Throwable cause) {
        super(reason, file, tag, offset, cause);
    }
}
