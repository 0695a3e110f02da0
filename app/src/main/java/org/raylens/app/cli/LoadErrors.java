package org.raylens.app.cli;

import java.io.IOException;
import java.io.PrintWriter;

/**
 * Runs a model-using command body and turns the typed load and format errors it may raise (missing keys, bad
 * offsets, wrong shapes: {@link IOException} and {@link IllegalArgumentException} subclasses with complete messages)
 * into one "error: …" line and exit status 1, without a stack trace.
 */
final class LoadErrors {
    private LoadErrors() {}

    @FunctionalInterface
    interface Body {
        Integer run() throws IOException;
    }

    static Integer reported(PrintWriter err, Body body) {
        try {
            return body.run();
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }
}
