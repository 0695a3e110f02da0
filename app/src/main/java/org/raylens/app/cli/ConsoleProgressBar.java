package org.raylens.app.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on standard error for the command-line tools, redrawn in place at most every 100 ms.
 * Drawn only when the error stream is a terminal (or when asked), so piped output and logs stay clean.
 * Thread-safe: indexing reports from several threads.
 */
public final class ConsoleProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final int MAX_ITEM = 40;

    private final PrintWriter out;
    private final String label;
    private final boolean enabled;
    private long lastDraw;
    private boolean lineOpen;

    /** A bar on {@code err} that draws only when standard error is a terminal. */
    public static ConsoleProgressBar onTerminal(PrintWriter err, String label) {
        return new ConsoleProgressBar(err, label, System.console() != null);
    }

    public ConsoleProgressBar(PrintWriter out, String label, boolean enabled) {
        this.out = out;
        this.label = label;
        this.enabled = enabled;
    }

    public void update(long done, long total) {
        update(done, total, "");
    }

    /** Redraws with {@code item} (e.g. the file being read) after the counts; cheap when called often. */
    public synchronized void update(long done, long total, String item) {
        long now = System.nanoTime();
        if (!enabled || (done < total && lineOpen && now - lastDraw < 100_000_000L)) {
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
