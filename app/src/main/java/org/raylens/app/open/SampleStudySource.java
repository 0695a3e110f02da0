package org.raylens.app.open;

import java.nio.file.Path;
import java.util.List;

/** Provides the bundled synthetic sample study's files, generating them on first use. */
@FunctionalInterface
public interface SampleStudySource {

    /** @throws Exception any failure to generate or find the sample; reported to the user */
    List<Path> ensureGenerated() throws Exception;
}
