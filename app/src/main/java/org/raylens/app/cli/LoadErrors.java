package org.raylens.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.raylens.core.io.AtomicWriteException;
import org.raylens.viewer.dicom.DicomException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The one place that turns a command's failure into its error line and exit status, so every command reports the
 * same way: {@code raylens <command>: <ExceptionType>: <message>}, without a stack trace. The typed errors
 * ({@code ModelLoadException}, {@code SafetensorsException}, {@code AdapterFormatException}, {@code DicomException}s,
 * {@code NoSuchFileException}, …) name their file in the message; the type tells a user what kind of problem it is.
 * <p>
 * Exit status: an input that cannot be read or used (any {@link IOException} or {@link DicomException}, an
 * {@link IllegalArgumentException} raised while reading input, a model that does not load) is
 * {@link CliExitCodes#UNREADABLE}; an output that cannot be written ({@link AtomicWriteException}) or anything
 * unexpected is {@link CliExitCodes#FAILURE}. {@link RayLensCli}'s execution-exception handler uses it for whatever a
 * command throws; commands use {@link #reported} for what they catch.
 */
final class LoadErrors {
    private LoadErrors() {}

    @FunctionalInterface
    interface Body {
        Integer run() throws IOException;
    }

    /** Runs a command body, reporting its read, load and format errors through {@link #report}. */
    static Integer reported(CommandSpec spec, Body body) {
        try {
            return body.run();
        } catch (IOException | IllegalArgumentException | ModelLoadFailure e) {
            return report(spec.commandLine(), e);
        }
    }

    /**
     * Prints the error line for {@code failure} on the command's error stream.
     *
     * @return the exit status for it
     */
    static int report(CommandLine command, Throwable failure) {
        Throwable typed = unwrap(failure);
        String message = typed.getMessage();
        command.getErr().println("raylens " + qualifiedName(command) + ": " + typeName(typed)
                + (message == null || message.isBlank() ? "" : ": " + message));
        command.getErr().flush();
        return exitCode(typed);
    }

    static int exitCode(Throwable typed) {
        if (typed instanceof AtomicWriteException) {
            return CliExitCodes.FAILURE;
        }
        if (typed instanceof IOException || typed instanceof DicomException
                || typed instanceof IllegalArgumentException) {
            return CliExitCodes.UNREADABLE;
        }
        return CliExitCodes.FAILURE;
    }

    /** The exception that says what went wrong, not the wrappers that carried it here. */
    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ModelLoadFailure || t instanceof UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The class name without its package; a nested class keeps its outer one: {@code SafetensorsException.Truncated}. */
    static String typeName(Throwable t) {
        String name = t.getClass().getName();
        String simple = name.substring(name.lastIndexOf('.') + 1).replace('$', '.');
        return simple.isEmpty() ? name : simple;
    }

    /** {@code embed}, or {@code bench encoder} for a subcommand's subcommand. */
    static String qualifiedName(CommandLine command) {
        StringBuilder name = new StringBuilder(command.getCommandName());
        for (CommandLine p = command.getParent(); p != null && p.getParent() != null; p = p.getParent()) {
            name.insert(0, p.getCommandName() + " ");
        }
        return name.toString();
    }
}
