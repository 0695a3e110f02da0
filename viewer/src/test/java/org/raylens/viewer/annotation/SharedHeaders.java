package org.raylens.viewer.annotation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.raylens.viewer.dicom.ConformanceData;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;

/** Headers of real files under ${raylens.shared}/data, read in place; a test is skipped when the file is absent. */
public final class SharedHeaders {
    private SharedHeaders() {}

    public static DicomObject header(String relativeToData) throws DicomException {
        Path shared = ConformanceData.sharedDir();
        Path file = shared == null ? null : shared.resolve("data").resolve(relativeToData);
        assumeTrue(file != null && Files.isRegularFile(file),
                "shared test data " + relativeToData + " not found (set -Draylens.shared); skipping");
        return DicomReader.readHeader(file).dataset();
    }
}
