package org.raylens.overlays.export.dicom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;

/**
 * Real source images under ${raylens.shared}/data, read in place: a single-frame CR chest radiograph (pixel space
 * only) and dcmqi's 3-frame enhanced CT (patient frame of reference, per-frame positions). Tests skip when absent.
 */
final class SourceFiles {
    private SourceFiles() {}

    static final String CR = "cxr/dicom/CR-MONO1-10-chest.dcm";
    static final String MULTI_FRAME_CT = "dicom-derived/seg-24x38x3/multiframe/mf.dcm";

    static Path file(String relative) {
        String property = System.getProperty("raylens.shared");
        Path shared = property != null && !property.isBlank() ? Path.of(property) : null;
        if (shared == null) {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.isDirectory(dir.resolve("overlays"))) {
                dir = dir.getParent();
            }
            shared = dir == null || dir.getParent() == null ? null : dir.getParent().resolve("shared");
        }
        Path file = shared == null ? null : shared.resolve("data").resolve(relative);
        assumeTrue(file != null && Files.isRegularFile(file),
                "shared test data " + relative + " not found (set -Draylens.shared); skipping");
        return file;
    }

    static DicomObject header(String relative) throws DicomException {
        return DicomReader.readHeader(file(relative)).dataset();
    }
}
