package org.raylens.app.embed;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Names the error that stopped one input, for a failures list: readers wrap typed errors (a {@code DicomException})
 * in a plain {@link IOException} carrying the same message, and the type is the useful part, so plain wrappers are
 * looked through.
 */
public final class TypedErrors {
    private TypedErrors() {
    }

    /** The innermost error that is not a plain IOException/RuntimeException/UncheckedIOException wrapper. */
    public static Throwable typed(Throwable e) {
        Throwable t = e;
        while ((t.getClass() == IOException.class || t.getClass() == RuntimeException.class
                || t instanceof UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The typed error's simple class name (e.g. {@code TruncatedDicomException}). */
    public static String name(Throwable e) {
        return typed(e).getClass().getSimpleName();
    }

    /** The typed error's message, or its name when it has none. */
    public static String message(Throwable e) {
        Throwable t = typed(e);
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
