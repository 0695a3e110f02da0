package org.raylens.viewer.study;

import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomFile;

/**
 * Receives each header an index read ({@link FolderScanner}, {@link DicomDirReader}), on the thread that asked for
 * the index. Callers that keep headers (the window makes image sources of them) pass one, so a header is read once
 * for the index and for them together.
 */
@FunctionalInterface
public interface HeaderSink {

    /** Keeps nothing. */
    HeaderSink NONE = (path, header) -> { };

    void accept(Path path, DicomFile header);
}
