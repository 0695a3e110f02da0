package org.raylens.viewer.dicom;

import java.nio.file.Path;

/**
 * A parsed DICOM file: its file meta group (empty when the file had none), the dataset, the transfer syntax the
 * dataset was read with, and the byte source lazy pixel access reads from. Close it to release the source.
 *
 * @param source where bulk data is read from; for deflated files an in-memory inflated copy
 * @param headerOnly true when parsing stopped before Pixel Data (the dataset has no pixel data element)
 */
public record DicomFile(Path path, DicomObject fileMeta, DicomObject dataset, TransferSyntax transferSyntax,
        ByteSource source, boolean headerOnly) implements AutoCloseable {

    @Override
    public void close() throws java.io.IOException {
        if (source != null) {
            source.close();
        }
    }
}
