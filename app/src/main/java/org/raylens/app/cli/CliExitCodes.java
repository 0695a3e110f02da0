package org.raylens.app.cli;

/** Exit codes shared by every command, so scripts can tell a bad input from a bad invocation. */
public final class CliExitCodes {
    private CliExitCodes() {}

    public static final int OK = 0;
    /** A command failed for a reason other than its input (a bug, an I/O error writing output). */
    public static final int FAILURE = 1;
    /** The input could not be read or decoded: a typed error was printed. */
    public static final int UNREADABLE = 2;
    /** Wrong options or arguments (EX_USAGE of sysexits.h; picocli's default 2 would read as "unreadable"). */
    public static final int USAGE = 64;
}
