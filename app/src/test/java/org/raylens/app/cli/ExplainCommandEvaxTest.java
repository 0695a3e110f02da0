package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.io.NpyReader;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code raylens explain --method gradcam} on a fine-tuned EVA-X checkpoint with no --adapter: the checkpoint's own
 * head on the pooled feature is explained, and the map is pytorch-grad-cam's on the authors' model (Pearson r ≥
 * 0.999); --labels renames its outputs and must name each one.
 */
class ExplainCommandEvaxTest {
    @TempDir
    Path tmp;

    private static Path golden() {
        Path g = ForwardCommandTest.golden().map(p -> p.resolve("evax/evax_tiny")).filter(Files::isDirectory)
                .orElse(null);
        assumeTrue(g != null, "../shared/golden/evax is absent; EVA-X explain CLI test skipped");
        return g;
    }

    private static int run(StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new ExplainCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @Test
    void gradCamWithoutAnAdapterExplainsTheCheckpointsOwnHead() throws IOException {
        Path g = golden();
        Path out = tmp.resolve("cam.npy");
        StringWriter err = new StringWriter();
        int rc = run(err, "--model", g.resolve("weights/evax_tiny.pth").toString(), "--no-sha256", "--threads", "1",
                "--input", g.resolve("input_224x224_rand.npy").toString(), "--method", "gradcam", "--class", "0",
                "--out", out.toString());
        assertEquals(0, rc, err.toString());
        FloatTensor cam = NpyReader.read(out);
        FloatTensor ref = NpyReader.read(g.resolve("gradcam_cam_224x224_rand.npy"));
        assertArrayEquals(new long[]{14, 14}, cam.shape());
        double r = pearson(ref.data(), cam.data());
        System.out.printf("explain --method gradcam (EVA-X own head) vs pytorch-grad-cam: Pearson r = %.6f%n", r);
        assertTrue(r >= 0.999, "Pearson r = " + r);
        String provenance = Files.readString(tmp.resolve("cam.npy.provenance.txt"));
        assertTrue(provenance.contains("class 0 (class 0)"), provenance);
    }

    @Test
    void labelsRenameTheOwnHeadsOutputsAndMustNameEachOne() throws IOException {
        Path g = golden();
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            names.append(i == 0 ? "" : ",").append("finding ").append(i);
        }
        String[] common = {"--model", g.resolve("weights/evax_tiny.pth").toString(), "--no-sha256", "--threads", "1",
                "--input", g.resolve("input_224x224_grad.npy").toString(), "--method", "gradcam", "--class", "3"};
        StringWriter err = new StringWriter();
        Path out = tmp.resolve("named.npy");
        assertEquals(0, run(err, concat(common, "--labels", names.toString(), "--out", out.toString())),
                err.toString());
        String provenance = Files.readString(tmp.resolve("named.npy.provenance.txt"));
        assertTrue(provenance.contains("class 3 (finding 3)"), provenance);

        StringWriter bad = new StringWriter();
        assertEquals(CliExitCodes.USAGE, run(bad, concat(common, "--labels", "a,b", "--out",
                tmp.resolve("bad.npy").toString())));
        assertTrue(bad.toString().contains("--labels gives 2 names; the head has 14 outputs"), bad.toString());
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double pearson(float[] x, float[] y) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
