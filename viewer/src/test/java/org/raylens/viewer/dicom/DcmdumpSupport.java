package org.raylens.viewer.dicom;

import java.nio.file.Path;

/** Lets tests outside this package run the dcmdump acceptance check (skipping when dcmtk is absent). */
public final class DcmdumpSupport {
    private DcmdumpSupport() {}

    /** dcmdump's output for {@code file}, after asserting exit code 0 and no warnings. */
    public static String dumpWithoutWarnings(Path file, String... args) throws Exception {
        DcmdumpAcceptanceTest.findDcmdump();
        return DcmdumpAcceptanceTest.dcmdumpClean(file, args);
    }
}
