package org.raylens.app.cli;

/** Exit codes shared by every command, so scripts can tell a bad input from a bad invocation. */
public final class CliExitCodes {
    private CliExitCodes() {}

    public static final int OK = 0;
    /** A command failed for a reason other than its input (a bug, an I/O error writing output). */
    public static final int FAILURE = 1;
    /** The input could not be read or decoded: a typed error was printed. */
    public static final int UNREADABLE = 2;
    /**
     * A batch command (embed, explain over several images, train-adapter, index) finished, but some files failed: each
     * is listed at the end and in the failures list beside the output ({@code <out>.failures.csv}).
     */
    public static final int COMPLETED_WITH_FAILURES = 3;
    /** Stopped by Ctrl-C (128 + SIGINT, as shells report it); what was finished is kept and a rerun resumes. */
    public static final int INTERRUPTED = 130;
    /** Wrong options or arguments (EX_USAGE of sysexits.h; picocli's default 2 would read as "unreadable"). */
    public static final int USAGE = 64;
}
