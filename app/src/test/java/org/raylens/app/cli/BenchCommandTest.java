package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class BenchCommandTest {
    @Test
    void benchEncoderReportsEveryFigure() {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; bench CLI test skipped");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute("encoder", "--model", g.resolve("tiny/hf").toString(), "--no-sha256", "--threads", "1", "--size", "56",
                "--runs", "1", "--gemm-size", "128");
        assertEquals(0, rc, err.toString());
        String s = out.toString();
        for (String must : new String[]{"GEMM", "ms/image", "GFLOP/s", "% of GEMM", "attention maps", "peak RSS"}) {
            assertTrue(s.contains(must), "missing '" + must + "' in:\n" + s);
        }
    }

    @Test
    void benchWithoutSubcommandOrWithBothSourcesIsAUsageError() {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setErr(new PrintWriter(new StringWriter()));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertEquals(2, cli.execute());
        assertEquals(2, cli.execute("encoder"));
        assertEquals(2, cli.execute("encoder", "--synthetic", "vit-huge"));
    }
}
