package org.raylens.viewer.source;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How every output names the image it was made from: the source's URI ({@code file:///data/cxr/IM1.dcm},
 * {@code file:///data/mf.dcm#frame=3}) in its ASCII form. One formatter, so a figure footer, a Secondary Capture's
 * derivation, a scores CSV, an embeddings table and an explain provenance file name the same image with the same
 * string, and a table made by one command can be joined with another's output. ASCII because these strings go into
 * CSV cells, PNG text chunks and DICOM text elements; a non-ASCII path is percent-encoded (UTF-8), never dropped.
 */
public final class SourceNames {

    private SourceNames() {
    }

    /** The name of the image {@code uri} identifies. */
    public static String of(URI uri) {
        return Objects.requireNonNull(uri, "uri").toASCIIString();
    }

    public static String of(ImageSource source) {
        return of(source.uri());
    }

    /** The name of a whole local file, as {@link FileAddress} turns it into a URI. */
    public static String of(Path file) {
        return of(FileAddress.of(file).uri());
    }
}
