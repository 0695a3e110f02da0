package org.raylens.app.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar on standard error for the command-line tools. Redraws at most every 100 ms and only when
 * the error stream is a terminal; otherwise it prints nothing, so piped output and logs stay clean.
 */
public final class ConsoleProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final boolean enabled;
    private long lastDraw;
    private boolean drawn;

    public ConsoleProgressBar(String label) {
        this(System.err, label, System.console() != null);
    }

    ConsoleProgressBar(PrintStream out, String label, boolean enabled) {
        this.out = out;
        this.label = label;
        this.enabled = enabled;
    }

    /** Thread-safe; cheap when called often. */
    public synchronized void update(long done, long total) {
        long now = System.nanoTime();
        if (!enabled || (done < total && now - lastDraw < 100_000_000L)) {
            return;
        }
        lastDraw = now;
        int filled = total <= 0 ? 0 : (int) (WIDTH * Math.min(done, total) / total);
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        out.printf("\r%s [%s] %d/%d", label, bar, done, total);
        drawn = true;
    }

    @Override
    public synchronized void close() {
        if (drawn) {
            out.println();
        }
    }
}
