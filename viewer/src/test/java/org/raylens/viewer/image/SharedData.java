package org.raylens.viewer.image;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.raylens.viewer.dicom.ConformanceData;

/** Files under ${raylens.shared}/data, read in place; a test using one is skipped when it is absent. */
final class SharedData {
    private SharedData() {}

    static Path file(String relativeToData) {
        Path shared = ConformanceData.sharedDir();
        Path file = shared == null ? null : shared.resolve("data").resolve(relativeToData);
        assumeTrue(file != null && Files.isRegularFile(file),
                "shared test data " + relativeToData + " not found (set -Draylens.shared); skipping");
        return file;
    }
}
