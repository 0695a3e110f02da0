package org.raylens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Issue 12: progress reaches stderr even when it is not a terminal (a log, a batch job), as plain lines. */
class ConsoleProgressPlainLinesTest {

    @Test
    void withoutATerminalPlainLinesArePrintedNoMoreOftenThanAsked() throws Exception {
        StringWriter text = new StringWriter();
        ConsoleProgressBar bar = new ConsoleProgressBar(new PrintWriter(text), "embedding", false, 1);
        Thread.sleep(2);
        bar.report(1, 3, "a.dcm");
        Thread.sleep(2);
        bar.report(2, 3, "b.dcm");
        assertTrue(text.toString().contains("embedding 1/3 a.dcm"), text.toString());
        assertTrue(text.toString().contains("embedding 2/3 b.dcm"), text.toString());
        assertTrue(!text.toString().contains("\r"), "no carriage-return redraws outside a terminal");

        StringWriter rare = new StringWriter();
        ConsoleProgressBar slow = new ConsoleProgressBar(new PrintWriter(rare), "embedding", false, 60_000_000_000L);
        for (int i = 1; i <= 100; i++) {
            slow.report(i, 100, "");
        }
        assertEquals("", rare.toString(), "one line every interval, not one per image");
    }
}
