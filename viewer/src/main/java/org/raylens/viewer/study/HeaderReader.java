package org.raylens.viewer.study;

import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomReader;

/**
 * Reads one file's DICOM header (everything before Pixel Data). The index and the file image sources read headers
 * only through this, so a test can count the reads and the program reads each header once.
 */
@FunctionalInterface
public interface HeaderReader {

    /** The viewer's DICOM reader, header only. */
    HeaderReader DICOM = DicomReader::readHeader;

    DicomFile read(Path file) throws DicomException;
}
