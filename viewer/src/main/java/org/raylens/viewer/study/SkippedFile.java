package org.raylens.viewer.study;

import java.nio.file.Path;

/**
 * A file the index did not take, why (the typed error's message, naming tag and offset where known), and what kind of
 * skip it is, so the window and the command line can tell noise (a folder's PNGs), notes (a DICOMDIR, a file reached
 * twice) and problems (a damaged DICOM file, a dangling link) apart without reading the message.
 */
public record SkippedFile(Path path, String reason, Kind kind) {

    /** What kind of skip; only {@link #PROBLEM} means something went wrong with a file that should have been read. */
    public enum Kind {
        /** Not DICOM at all (images, notes, spreadsheets next to a study): expected, counted rather than listed. */
        NOT_DICOM,
        /** Skipped by design: a DICOMDIR inside the folder, a file reached twice, a link that leaves the folder. */
        NOTE,
        /** Should have been indexed and could not be: damaged DICOM, missing UIDs, unreadable, a dangling link. */
        PROBLEM
    }

    /** A problem: the common case for the index's typed read errors. */
    public SkippedFile(Path path, String reason) {
        this(path, reason, Kind.PROBLEM);
    }

    public boolean isProblem() {
        return kind == Kind.PROBLEM;
    }
}
