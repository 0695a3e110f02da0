package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.io.NpyReader;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code raylens explain} end to end on the golden tiny model: raw maps equal the references; PNG overlays; errors. */
class ExplainCommandTest {
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
        assumeTrue(g != null, "../shared/golden is absent; explain CLI golden tests skipped");
        return g;
    }

    private static void assertClose(float[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol, "at " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    @Test
    void gradCamFromATensorMatchesTheGoldenCam() throws IOException {
        Path g = golden();
        Path ref = g.resolve("tiny/reference");
        Path map = tmp.resolve("cam.npy");
        int rc = run("--model", g.resolve("tiny/hf").toString(), "--no-sha256", "--threads", "1",
                "--input", ref.resolve("input_56x56_grad.npy").toString(), "--method", "gradcam", "--class", "1",
                "--head-weights", ref.resolve("gradcam_head_weight.npy").toString(),
                "--head-bias", ref.resolve("gradcam_head_bias.npy").toString(), "--out", map.toString());
        assertEquals(0, rc, err.toString());
        FloatTensor mine = NpyReader.read(map);
        FloatTensor gold = NpyReader.read(ref.resolve("gradcam_norm1_cam_56x56_grad.npy"));
        assertArrayEquals(new long[]{4, 4}, mine.shape());
        assertClose(gold.data(), mine.data(), 2e-3 * 0.0885);
        String prov = Files.readString(tmp.resolve("cam.npy.provenance.txt"));
        assertTrue(prov.contains("gradcam") && prov.contains("norm1"), prov);
        // Grad-CAM++ at the block input, as an overlay on the tensor's first channel
        Path png = tmp.resolve("campp.png");
        rc = run("--model", g.resolve("tiny/hf").toString(), "--no-sha256", "--threads", "1",
                "--input", ref.resolve("input_56x56_grad.npy").toString(), "--method", "gradcam++", "--class", "2",
                "--target", "block-in", "--head-weights", ref.resolve("gradcam_head_weight.npy").toString(),
                "--head-bias", ref.resolve("gradcam_head_bias.npy").toString(), "--out", png.toString());
        assertEquals(0, rc, err.toString());
        assertPanelOf(javax.imageio.ImageIO.read(png.toFile()), 56, 56, true);
        assertTrue(Files.readString(tmp.resolve("campp.png.provenance.txt")).contains("gradcam++ of class 2"));
    }

    /** An adapter folder holding the golden linear head, for the given encoder digest. */
    private Path goldenHeadAdapter(Path ref, String sha256) throws IOException {
        var spec = new org.raylens.inference.adapter.AdapterSpec("golden-head",
                org.raylens.inference.adapter.AdapterType.LINEAR, org.raylens.inference.adapter.AdapterInput.CLS,
                org.raylens.inference.adapter.AdapterTask.MULTILABEL, java.util.List.of("a", "b", "c"),
                java.util.List.of(0.5, 0.5, 0.5), 0, 0,
                new org.raylens.inference.adapter.EncoderIdentity("tiny", 64, 14, 0, sha256),
                new org.raylens.inference.adapter.PreprocessingRecipe(
                        org.raylens.inference.model.PreprocessorConfig.radDino(), "minmax"), java.util.Optional.empty());
        Path folder = tmp.resolve("adapter-" + sha256.substring(0, 8));
        org.raylens.inference.adapter.AdapterFolder.write(folder, spec, java.util.Map.of(
                "linear.weight", NpyReader.read(ref.resolve("gradcam_head_weight.npy")).data(),
                "linear.bias", NpyReader.read(ref.resolve("gradcam_head_bias.npy")).data()));
        return folder;
    }

    private static String sha256(Path file) throws Exception {
        var md = java.security.MessageDigest.getInstance("SHA-256");
        return java.util.HexFormat.of().formatHex(md.digest(Files.readAllBytes(file)));
    }

    @Test
    void gradCamOfAnAdapterFolderMatchesTheGoldenCam() throws Exception {
        Path g = golden();
        Path ref = g.resolve("tiny/reference");
        Path adapter = goldenHeadAdapter(ref, sha256(g.resolve("tiny/hf/model.safetensors")));
        Path map = tmp.resolve("adapter-cam.npy");
        int rc = run("--model", g.resolve("tiny/hf").toString(), "--threads", "1", "--adapter", adapter.toString(),
                "--input", ref.resolve("input_56x56_rand.npy").toString(), "--method", "gradcam", "--class", "1",
                "--out", map.toString());
        assertEquals(0, rc, err.toString());
        FloatTensor gold = NpyReader.read(ref.resolve("gradcam_norm1_cam_56x56_rand.npy"));
        float max = 0;
        for (float v : gold.data()) {
            max = Math.max(max, Math.abs(v));
        }
        assertClose(gold.data(), NpyReader.read(map).data(), 2e-3 * max);
        assertTrue(Files.readString(tmp.resolve("adapter-cam.npy.provenance.txt")).contains("adapter=golden-head"));

        Path wrong = goldenHeadAdapter(ref, "ab".repeat(32));
        rc = run("--model", g.resolve("tiny/hf").toString(), "--threads", "1", "--adapter", wrong.toString(),
                "--input", ref.resolve("input_56x56_rand.npy").toString(), "--method", "gradcam",
                "--out", tmp.resolve("never.npy").toString());
        assertEquals(CliExitCodes.UNREADABLE, rc, "an adapter of another encoder is refused");
        assertTrue(err.toString().contains("SHA-256"), err.toString());
        assertFalse(Files.exists(tmp.resolve("never.npy")));
    }

    @Test
    void attentionFromATensorIsTheReferenceClsRow() throws IOException {
        Path g = golden();
        Path ref = g.resolve("tiny/reference");
        Path map = tmp.resolve("attn.npy");
        int rc = run("--model", g.resolve("tiny/hf").toString(), "--no-sha256", "--threads", "1",
                "--input", ref.resolve("input_56x56_rand.npy").toString(), "--method", "attention", "--layer", "-1",
                "--head", "1", "--out", map.toString());
        assertEquals(0, rc, err.toString());
        float[] probs = NpyReader.read(ref.resolve("attn_probs_last_56x56_rand.npy")).data();
        float[] expected = new float[16];
        for (int t = 0; t < 16; t++) {
            expected[t] = probs[(17) * 17 + 1 + t]; // head 1, query 0 (CLS), key 1 + t
        }
        assertClose(expected, NpyReader.read(map).data(), 1e-5);
    }

    @Test
    void pngOverlaysOnANonSquareImageForEveryMethod() throws IOException {
        Path g = golden();
        BufferedImage src = new BufferedImage(120, 80, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 120; x++) {
                src.getRaster().setSample(x, y, 0, (x * 2 + y) % 256);
            }
        }
        Path png = tmp.resolve("src.png");
        ImageIO.write(src, "png", png.toFile());
        for (String method : new String[]{"attention", "rollout", "pca", "point"}) {
            Path o = tmp.resolve(method.replace("+", "p") + ".png");
            int rc = run(png.toString(), "--model", g.resolve("tiny/hf").toString(), "--no-sha256", "--threads", "1",
                    "--method", method, "--point", "60,40", "--mask", "otsu", "--out", o.toString());
            assertEquals(0, rc, method + ": " + err);
            BufferedImage written = ImageIO.read(o.toFile());
            int[] at = assertPanelOf(written, 120, 80, !method.equals("pca"));
            // the centre crop keeps source x in [20, 100): the left band is dimmed grey, not coloured
            int rgb = written.getRGB(at[0] + 5, at[1] + 41);
            int r = (rgb >> 16) & 0xff;
            int gr = (rgb >> 8) & 0xff;
            int b = rgb & 0xff;
            assertTrue(r == gr && gr == b, method + ": the unseen border is grey");
            assertTrue(r != (5 * 2 + 41) % 256, method + ": dimmed or hatched, not the bare image");
            // inside the crop the map colours the image (no threshold by default)
            int inside = written.getRGB(at[0] + 60, at[1] + 40);
            assertFalse(((inside >> 16) & 0xff) == (inside & 0xff) && ((inside >> 8) & 0xff) == (inside & 0xff),
                    method + ": the map tints what the model saw");
        }
        Path raw = tmp.resolve("pca.npy");
        assertEquals(0, run(png.toString(), "--model", g.resolve("tiny/hf").toString(), "--no-sha256", "--threads", "1",
                "--method", "pca", "--out", raw.toString()), err.toString());
        assertArrayEquals(new long[]{4, 4, 3}, NpyReader.read(raw).shape());
    }

    @Test
    void badOptionsAreUsageErrors() {
        Path g = golden();
        Path ref = g.resolve("tiny/reference");
        String model = g.resolve("tiny/hf").toString();
        String input = ref.resolve("input_56x56_rand.npy").toString();
        assertEquals(CliExitCodes.USAGE, run("--model", model, "--no-sha256", "--input", input, "--method", "gradcam",
                "--out", tmp.resolve("a.npy").toString()), "gradcam without a head");
        assertTrue(err.toString().contains("--head-weights"), err.toString());
        assertEquals(CliExitCodes.USAGE, run("--model", model, "--no-sha256", "--input", input, "--method", "point",
                "--point", "500,500", "--out", tmp.resolve("b.npy").toString()), "point outside the image");
        assertEquals(CliExitCodes.USAGE, run("--model", model, "--no-sha256", "--input", input, "--method", "magic",
                "--out", tmp.resolve("c.npy").toString()));
        assertEquals(CliExitCodes.USAGE, run("--model", model, "--no-sha256", "--input", input, "--method", "attention",
                "--out", tmp.resolve("d.jpg").toString()));
        assertEquals(CliExitCodes.USAGE, run("--model", model, "--no-sha256", "--input", input, "--method", "attention",
                "--layer", "7", "--out", tmp.resolve("e.npy").toString()));
        assertEquals(CliExitCodes.UNREADABLE, run("--model", model, "--no-sha256", "--input",
                tmp.resolve("missing.npy").toString(), "--method", "attention", "--out", tmp.resolve("f.npy").toString()));
        for (String f : new String[]{"a.npy", "b.npy", "c.npy", "e.npy", "f.npy"}) {
            assertFalse(Files.exists(tmp.resolve(f)), f + " must not be written");
        }
    }

    @Test
    void aBatchGoesOnPastABadImageAndListsIt() throws IOException {
        Path g = golden();
        Path images = Files.createDirectories(tmp.resolve("batch"));
        for (String name : new String[]{"b.png", "d.png"}) {
            BufferedImage img = new BufferedImage(70, 56, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 56; y++) {
                for (int x = 0; x < 70; x++) {
                    img.getRaster().setSample(x, y, 0, (x * 5 + y * name.charAt(0)) & 0xff);
                }
            }
            ImageIO.write(img, "png", images.resolve(name).toFile());
        }
        Files.writeString(images.resolve("a.png"), "not a png");
        Files.writeString(images.resolve("c.dcm"), "DICM");
        Path maps = tmp.resolve("maps");
        int rc = run(images.toString(), "--model", g.resolve("tiny/hf").toString(), "--no-sha256", "--threads", "1",
                "--method", "attention", "--out", maps.toString());
        assertEquals(CliExitCodes.COMPLETED_WITH_FAILURES, rc, err.toString());
        assertPanelOf(ImageIO.read(maps.resolve("b.png").toFile()), 70, -1, true);
        assertPanelOf(ImageIO.read(maps.resolve("d.png").toFile()), 70, -1, true);
        assertFalse(Files.readString(maps.resolve("d.png.provenance.txt")).isBlank(), "each map has its provenance");
        assertTrue(out.toString().contains("explained 2 image(s), 2 failed"), out.toString());
        var failed = Files.readAllLines(tmp.resolve("maps.failures.csv"));
        assertEquals(3, failed.size(), failed.toString());
        assertTrue(failed.get(1).contains("a.png") && failed.get(2).contains("c.dcm"), failed.toString());
    }

    /**
     * The PNG is the overlays module's one-panel figure of a {@code w × h} image shown at its own resolution (beside
     * it the colorbar for scalar maps, below it the footer); returns the panel's top-left pixel.
     */
    private static int[] assertPanelOf(BufferedImage png, int w, int h, boolean colorbar) {
        double side = colorbar ? org.raylens.overlays.figure.FigureLayout.GAP + 6
                + org.raylens.overlays.figure.FigureLayout.SIDE_WIDTH : 0;
        double margin = org.raylens.overlays.figure.FigureLayout.MARGIN;
        assertEquals((int) Math.ceil(margin + w + side + margin), png.getWidth(), "figure width");
        if (h > 0) {
            assertTrue(png.getHeight() > h + 40, "panel, title and footer: " + png.getHeight());
        }
        return new int[]{(int) margin, (int) (margin + org.raylens.overlays.figure.FigureLayout.TITLE_HEIGHT)};
    }
}
