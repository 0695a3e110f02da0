package org.raylens.app.cli;

import java.io.PrintWriter;

/** A one-line text progress bar on stderr ("[=====     ] 12/40 name"), redrawn in place with a carriage return. */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final int total;

    ProgressBar(PrintWriter err, int total) {
        this.err = err;
        this.total = Math.max(total, 1);
    }

    void show(int done, String label) {
        int filled = (int) ((long) WIDTH * done / total);
        String name = label.length() > 40 ? "…" + label.substring(label.length() - 39) : label;
        err.print("\r[" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + name
                + "   ");
        err.flush();
    }

    void finish() {
        err.println();
        err.flush();
    }
}
