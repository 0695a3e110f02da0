package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BenchExplainCommandTest {
    @Test
    void benchExplainReportsEveryFigure() {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; bench explain CLI test skipped");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute("explain", "--model", g.resolve("tiny/hf").toString(), "--no-sha256", "--threads", "1",
                "--size", "56", "--runs", "1");
        assertEquals(0, rc, err.toString());
        String s = out.toString();
        for (String must : new String[]{"plain forward", "Grad-CAM (norm1", "x forward (goal <= 1.5x)", "Grad-CAM++",
            "attention rollout", "forward with all attentions"}) {
            assertTrue(s.contains(must), "missing '" + must + "' in:\n" + s);
        }
    }

    @Test
    void benchExplainTimesEachNamedMethod() {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; bench explain --methods test skipped");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute("explain", "--model", g.resolve("tiny/hf").toString(), "--no-sha256", "--threads", "1",
                "--size", "56", "--methods", "layercam,eigencam,ablationcam,occlusion,rise", "--param", "masks=8");
        assertEquals(0, rc, err.toString());
        String s = out.toString();
        for (String must : new String[]{"plain forward", "layercam", "eigencam", "ablationcam", "occlusion",
            "rise", "(masks=8)", "x forward"}) {
            assertTrue(s.contains(must), "missing '" + must + "' in:\n" + s);
        }
    }

    @Test
    void explainBenchNeedsExactlyOneModelSource() {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setErr(new PrintWriter(new StringWriter()));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertEquals(CliExitCodes.USAGE, cli.execute("explain"));
        assertEquals(CliExitCodes.USAGE, cli.execute("explain", "--synthetic", "vit-huge"));
    }
}
