package org.raylens.app.cli;

import java.io.PrintWriter;
import org.raylens.core.progress.Progress;

/**
 * A one-line progress bar on standard error for the command-line tools, redrawn in place at most every 100 ms.
 * Drawn only when the error stream is a terminal (or when asked), so piped output and logs stay clean; long batches
 * ({@link #everywhere}) print a plain progress line every few seconds instead when it is not, so a log or a job
 * scheduler still shows how far a run has come.
 * The command line's {@link Progress}. Thread-safe: indexing reports from several threads.
 */
public final class ConsoleProgressBar implements Progress, AutoCloseable {
    private static final int WIDTH = 30;
    private static final int MAX_ITEM = 40;

    private final PrintWriter out;
    private final String label;
    private final boolean enabled;
    private final long plainLineNanos;
    private long lastDraw;
    private long lastPlainLine;
    private boolean lineOpen;

    /** A bar on {@code err} that draws only when standard error is a terminal. */
    public static ConsoleProgressBar onTerminal(PrintWriter err, String label) {
        return new ConsoleProgressBar(err, label, System.console() != null);
    }

    /**
     * A bar drawn in place on a terminal; elsewhere (a pipe, a log file) one plain line every {@code plainSeconds}
     * seconds.
     */
    public static ConsoleProgressBar everywhere(PrintWriter err, String label, double plainSeconds) {
        return new ConsoleProgressBar(err, label, System.console() != null, (long) (plainSeconds * 1e9));
    }

    public ConsoleProgressBar(PrintWriter out, String label, boolean enabled) {
        this(out, label, enabled, 0);
    }

    /** @param plainLineNanos when not {@code enabled}: print a plain line this often (0: never) */
    ConsoleProgressBar(PrintWriter out, String label, boolean enabled, long plainLineNanos) {
        this.out = out;
        this.label = label;
        this.enabled = enabled;
        this.plainLineNanos = plainLineNanos;
        this.lastPlainLine = System.nanoTime();
    }

    /** Redraws with {@code item} (e.g. the file being read) after the counts; cheap when called often. */
    @Override
    public synchronized void report(long done, long total, String item) {
        long now = System.nanoTime();
        if (!enabled) {
            if (plainLineNanos > 0 && now - lastPlainLine >= plainLineNanos) {
                lastPlainLine = now;
                out.println(label + " " + done + "/" + total + (item.isEmpty() ? "" : " " + item));
                out.flush();
            }
            return;
        }
        if (done < total && lineOpen && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = total <= 0 ? 0 : (int) (WIDTH * Math.min(done, total) / total);
        String shown = item.length() > MAX_ITEM ? "…" + item.substring(item.length() - MAX_ITEM + 1) : item;
        out.print("\r" + label + " [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total
                + (shown.isEmpty() ? "" : " " + shown) + "   ");
        out.flush();
        lineOpen = true;
    }

    /** Prints a message on its own line without breaking the bar. */
    public synchronized void println(String message) {
        endLine();
        out.println(message);
        out.flush();
    }

    @Override
    public synchronized void close() {
        endLine();
    }

    private void endLine() {
        if (lineOpen) {
            out.println();
            out.flush();
            lineOpen = false;
        }
    }
}
