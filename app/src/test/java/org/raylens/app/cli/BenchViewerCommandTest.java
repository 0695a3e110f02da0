package org.raylens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The viewer benchmark runs end to end headless and reports every figure (its numbers are not asserted). */
class BenchViewerCommandTest {

    @TempDir
    Path data;

    @Test
    void reportsEveryMeasurement() throws Exception {
        // Start the toolkit the TestFX way first: the command then leaves it running for the window tests that share
        // this JVM (a toolkit that exited cannot be started again).
        org.testfx.api.FxToolkit.registerPrimaryStage();
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new RayLensCli());
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("bench", "viewer", "--runs", "3", "--index-files", "40", "--size", "400x300",
                "--data-dir", data.toString());
        String text = out.toString();
        assertEquals(0, code, text);
        for (String line : new String[] {"cold start", "open-to-first-pixels", "window/level redraw",
            "overlay redraw, two heatmap layers", "index 40 DICOM files"}) {
            assertTrue(text.contains(line), "missing '" + line + "' in:\n" + text);
        }
        assertTrue(text.contains("40 instances"), text);
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertEquals(2, BenchViewerCommand.median(new double[] {3, 1, 2}));
        assertEquals(2.5, BenchViewerCommand.median(new double[] {4, 1, 2, 3}));
    }
}
