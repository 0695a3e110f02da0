package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.io.CsvRecords;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.io.NpyReader;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code raylens explain --metrics} on the golden tiny model: the gradient methods write pixel maps (raw and as an
 * overlay), the metrics print and land in a CSV beside the map, and the region figures agree with the written map.
 */
class ExplainMetricsCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ExplainCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    private Path golden() {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; explain --metrics tests skipped");
        return g;
    }

    private String[] common(Path g, String method, Path map) {
        Path ref = g.resolve("tiny/reference");
        return new String[]{"--model", g.resolve("tiny/hf").toString(), "--no-sha256", "--threads", "1",
            "--input", ref.resolve("input_56x56_grad.npy").toString(), "--method", method, "--class", "1",
            "--head-weights", ref.resolve("gradcam_head_weight.npy").toString(),
            "--head-bias", ref.resolve("gradcam_head_bias.npy").toString(), "--out", map.toString()};
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void integratedGradientsWithMetricsWritesTheCsvAndTheRegionFiguresMatchTheMap() throws IOException {
        Path g = golden();
        Path map = tmp.resolve("ig.npy");
        int rc = run(concat(common(g, "integrated-gradients", map), "--ig-steps", "8", "--metrics",
                "--metrics-steps", "4", "--metrics-box", "0,0,28,28", "--metrics-substrate", "0"));
        assertEquals(0, rc, err.toString());
        FloatTensor m = NpyReader.read(map);
        assertArrayEquals(new long[]{56, 56}, m.shape(), "one cell per input pixel");
        assertTrue(Files.readString(tmp.resolve("ig.npy.provenance.txt")).contains("convergence delta="));
        String printed = out.toString();
        for (String name : List.of("deletion_auc", "insertion_auc", "road_morf", "road_lerf", "road_combined",
                "pointing_game", "energy_share")) {
            assertTrue(printed.contains(name + ": "), name + " in " + printed);
        }
        List<CsvRecords.Record> rows = CsvRecords.parse(Files.readAllBytes(tmp.resolve("ig.npy.metrics.csv")));
        assertEquals(List.of("metric", "value", "method", "settings", "provenance"), rows.get(0).cells());
        assertEquals(8, rows.size());
        assertTrue(rows.get(1).cells().get(4).contains("integrated-gradients of class 1"));
        // the pointing game and the energy share recomputed from the written map: the box is the top-left quarter
        float[] v = m.data();
        int best = 0;
        double all = 0;
        double in = 0;
        for (int i = 0; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
            all += Math.max(v[i], 0);
            in += (i / 56 < 28 && i % 56 < 28) ? Math.max(v[i], 0) : 0;
        }
        boolean hit = best / 56 < 28 && best % 56 < 28;
        assertEquals(hit ? "1" : "0", rows.get(6).cells().get(1));
        assertEquals(in / all, Double.parseDouble(rows.get(7).cells().get(1)), 1e-5);
    }

    @Test
    void saliencyAndSmoothGradPaintAsOverlays() throws IOException {
        Path g = golden();
        for (String method : List.of("saliency", "smoothgrad")) {
            Path png = tmp.resolve(method + ".png");
            assertEquals(0, run(concat(common(g, method, png), "--smoothgrad-samples", "3")), err.toString());
            assertTrue(Files.size(png) > 0);
        }
    }

    @Test
    void metricsWithoutAHeadAreAUsageError() {
        Path g = golden();
        Path ref = g.resolve("tiny/reference");
        assertEquals(CliExitCodes.USAGE, run("--model", g.resolve("tiny/hf").toString(), "--no-sha256",
                "--input", ref.resolve("input_56x56_grad.npy").toString(), "--method", "attention", "--metrics",
                "--out", tmp.resolve("a.npy").toString()));
        assertTrue(err.toString().contains("--metrics need"), err.toString());
    }
}
