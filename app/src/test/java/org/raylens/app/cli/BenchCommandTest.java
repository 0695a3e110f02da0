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
        for (String must : new String[]{"GEMM", "ms/image", "GFLOP/s", "% of GEMM", "attention maps", "peak RSS",
                "CLS attention row of every layer", "CPU time per forward", "OMP_WAIT_POLICY=", "; bf16: "}) {
            assertTrue(s.contains(must), "missing '" + must + "' in:\n" + s);
        }
        // the two summary lines scripts read, first, in their fixed form
        String[] lines = s.split("\\R");
        assertTrue(lines[0].matches("fp32 forward: median \\d+ ms/image"), lines[0]);
        assertTrue(lines[1].equals("bf16 forward: not supported on this CPU")
                || lines[1].matches("bf16 forward: (median \\d+ ms/image|not measured .*)"), lines[1]);
    }

    @Test
    void benchEncoderWithPrecisionBf16TimesTheFastModeAgainstABf16Gemm() {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; bench CLI test skipped");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute("encoder", "--model", g.resolve("tiny/hf").toString(), "--no-sha256", "--threads", "1",
                "--size", "56", "--runs", "1", "--gemm-size", "128", "--precision", "bf16");
        assertEquals(0, rc, err.toString());
        String s = out.toString();
        for (String must : new String[]{"bf16 fast mode", "GEMM bf16", "the fp32 GEMM", "x the fp32 speed",
                "bf16 with all-layer attention maps kept", "CPU time per bf16 forward", "precision=bf16"}) {
            assertTrue(s.contains(must), "missing '" + must + "' in:\n" + s);
        }
        String[] lines = s.split("\\R");
        assertTrue(lines[0].matches("fp32 forward: median \\d+ ms/image"), lines[0]);
        assertTrue(lines[1].equals("bf16 forward: not supported on this CPU")
                || lines[1].matches("bf16 forward: median \\d+ ms/image"), lines[1]);
        if (lines[1].contains("not supported")) {
            assertTrue(s.contains("EMULATED") && err.toString().contains("slower than float32"), s + err);
        }
    }

    @Test
    void benchEmbedReportsThroughputAgainstOneForward() {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; bench embed test skipped");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int rc = cli.execute("embed", "--model", g.resolve("tiny/hf").toString(), "--threads", "1", "--images", "3",
                "--image-size", "64");
        assertEquals(0, rc, err.toString());
        String s = out.toString();
        for (String must : new String[]{"one forward (batch 1): median", "images/s", "x 1/(one forward)",
                "CPU time per embedded image", "peak RSS"}) {
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
