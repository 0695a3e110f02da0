package org.raylens.app.cli;

import org.raylens.app.embed.TypedErrors;
import org.raylens.core.io.AtomicFiles;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a batch command (embed, explain over several images, train-adapter's feature extraction, index) could not
 * process: one bad file is recorded here with its typed error and the batch goes on to the next. At the end the list
 * is printed, written as {@code <output>.failures.csv} beside the output (atomically), and turned into the exit code
 * {@link CliExitCodes#COMPLETED_WITH_FAILURES}, so a script can tell "all done" from "done, but look at these".
 * Thread-safe: several workers may record failures.
 */
final class BatchFailures {
    /** Name suffix of the failures list beside an output file or inside an output folder. */
    static final String SUFFIX = ".failures.csv";
    static final String HEADER = "source,error,message";

    /**
     * One input that failed: its name (an image's source URI as {@code SourceNames} writes it, or a path as typed),
     * the error's type (e.g. {@code PixelDataException}) and message.
     */
    record Failure(String file, String error, String message) {
    }

    private final List<Failure> failures = new ArrayList<>();

    /** Records {@code file} as failed with {@code error}: the typed error's class, unwrapped from a plain wrapper. */
    synchronized Failure add(Path file, Throwable error) {
        return add(file.toString(), error);
    }

    synchronized Failure add(Path file, String error, String message) {
        return add(file.toString(), error, message);
    }

    /** Records the input named {@code file} as failed with {@code error}, named by its typed class. */
    synchronized Failure add(String file, Throwable error) {
        Throwable typed = typed(error);
        String message = typed.getMessage() != null ? typed.getMessage() : typed.toString();
        return add(file, typed.getClass().getSimpleName(), message);
    }

    synchronized Failure add(String file, String error, String message) {
        Failure f = new Failure(file, error, message);
        failures.add(f);
        return f;
    }

    synchronized boolean isEmpty() {
        return failures.isEmpty();
    }

    synchronized int size() {
        return failures.size();
    }

    synchronized List<Failure> list() {
        return List.copyOf(failures);
    }

    /** {@link CliExitCodes#OK} when nothing failed, else {@link CliExitCodes#COMPLETED_WITH_FAILURES}. */
    synchronized int exitCode() {
        return failures.isEmpty() ? CliExitCodes.OK : CliExitCodes.COMPLETED_WITH_FAILURES;
    }

    /** The list, one file a line, after the batch's own output; nothing when no file failed. */
    synchronized void printTo(PrintWriter err) {
        if (failures.isEmpty()) {
            return;
        }
        err.println(failures.size() + " file(s) failed:");
        for (Failure f : failures) {
            err.println("  " + f.file() + ": " + f.error() + ": " + f.message());
        }
        err.flush();
    }

    /** The failures list that belongs beside {@code output} (a file or a folder). */
    static Path besideOutput(Path output) {
        return output.resolveSibling(output.getFileName() + SUFFIX);
    }

    /**
     * Writes the list to {@code csv} (atomically), or, when nothing failed, removes a list left there by an earlier run
     * whose failures this run has now dealt with, so the file never describes a batch other than the last one.
     *
     * @return the file written, or null when nothing failed
     */
    synchronized Path writeTo(Path csv) throws IOException {
        if (failures.isEmpty()) {
            Files.deleteIfExists(csv);
            return null;
        }
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Failure f : failures) {
            sb.append(EmbeddingCsv.quote(f.file())).append(',').append(EmbeddingCsv.quote(f.error()))
                    .append(',').append(EmbeddingCsv.quote(oneLine(f.message()))).append('\n');
        }
        AtomicFiles.writeString(csv, sb.toString());
        return csv;
    }

    /** Prints the list and writes it beside {@code output}; says where when it wrote one. */
    Path report(PrintWriter err, Path output) throws IOException {
        printTo(err);
        Path written = writeTo(besideOutput(output));
        if (written != null) {
            err.println("the list of failed files is in " + written);
            err.flush();
        }
        return written;
    }

    /** The error to name (plain wrappers looked through; {@link TypedErrors}). */
    private static Throwable typed(Throwable e) {
        return TypedErrors.typed(e);
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }
}
