package org.raylens.app.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.family.dinov2.SyntheticModelFolder;
import org.raylens.inference.weights.WeightsIdentity;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code raylens train-adapter} end to end on a tiny random encoder: CSV, folders, masks, and ../shared's CXRs. */
class TrainAdapterCommandTest {
    @TempDir
    Path tmp;

    private record Run(int rc, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TrainAdapterCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int rc = cli.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    private Path model() throws IOException {
        Path m = tmp.resolve("model");
        if (!Files.isDirectory(m)) {
            SyntheticModelFolder.write(m, SyntheticModelFolder.tinyGeometry(), 42);
        }
        return m;
    }

    /** 70×64 noise with a bright square (returned as its mask) when {@code square}. */
    private static BufferedImage[] png(SplittableRandom r, boolean square) {
        BufferedImage img = new BufferedImage(70, 64, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage mask = new BufferedImage(70, 64, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 70; x++) {
                img.getRaster().setSample(x, y, 0, 40 + r.nextInt(40));
            }
        }
        if (square) {
            int x0 = 8 + r.nextInt(34);
            int y0 = 8 + r.nextInt(28);
            for (int y = y0; y < y0 + 22; y++) {
                for (int x = x0; x < x0 + 22; x++) {
                    img.getRaster().setSample(x, y, 0, 230);
                    mask.getRaster().setSample(x, y, 0, 255);
                }
            }
        }
        return new BufferedImage[]{img, mask};
    }

    private Path squaresCsv(int n) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("data/img"));
        SplittableRandom r = new SplittableRandom(5);
        List<String> lines = new ArrayList<>(List.of("path,square,patient"));
        for (int i = 0; i < n; i++) {
            boolean sq = i % 2 == 0;
            ImageIO.write(png(r, sq)[0], "png", dir.resolve("i" + i + ".png").toFile());
            lines.add("img/i" + i + ".png," + (sq ? 1 : 0) + ",P" + i / 2);
        }
        lines.add("img/missing.png,1,P999");
        Path csv = tmp.resolve("data/labels.csv");
        Files.write(csv, lines);
        return csv;
    }

    private static JsonObject json(Path p) throws IOException {
        return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
    }

    private static void assertPlot(Path p) throws IOException {
        BufferedImage img = ImageIO.read(p.toFile());
        assertNotNull(img, p + " is a PNG");
        assertEquals(480, img.getWidth());
    }

    @Test
    void csvSquaresTrainReportPlotLoadAndReuseTheCache() throws IOException {
        Path csv = squaresCsv(48);
        Path out = tmp.resolve("adapter");
        String[] args = {"--model", model().toString(), "--threads", "1", "--csv", csv.toString(), "--labels", "square",
            "--patient-column", "patient", "--out", out.toString(), "--cache", tmp.resolve("cache").toString(),
            "--epochs", "60", "--lr", "3e-2", "--batch", "16", "--patience", "60", "--seed", "1", "--val-fraction", "0.25"};
        Run first = run(args);
        assertEquals(0, first.rc(), first.err() + first.out());
        assertTrue(first.out().contains("features: 48 computed, 0 from cache"), first.out());
        for (String f : List.of("adapter.json", "weights.safetensors", "report.json", "report.md")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertTrue(!Files.exists(out.resolve("checkpoint")), "resume state removed after success");
        JsonObject report = json(out.resolve("report.json"));
        assertTrue(report.get("macroAuroc").getAsDouble() >= 0.95, report.toString());
        assertTrue(report.toString().contains("missing.png not found"), "skipped row noted");
        assertPlot(out.resolve(report.getAsJsonArray("classes").get(0).getAsJsonObject().get("rocPlot").getAsString()));
        assertTrue(Files.readString(out.resolve("report.md")).contains("Macro AUROC"));

        try (Encoder enc = Encoders.builder().folder(model()).device(ComputeTarget.cpu())
                .identity(new WeightsIdentity(null)).build(); Adapter a = Adapter.load(out, EncoderIdentity.of(enc))) {
            assertEquals(List.of("square"), a.spec().labels());
        }

        Run refused = run(args);
        assertEquals(CliExitCodes.USAGE, refused.rc(), "an existing adapter is not overwritten silently");
        List<String> resume = new ArrayList<>(List.of(args));
        resume.add("--resume");
        Run nothingToResume = run(resume.toArray(String[]::new));
        assertEquals(CliExitCodes.USAGE, nothingToResume.rc(), nothingToResume.err());
        assertTrue(nothingToResume.err().contains("no checkpoint to resume"), nothingToResume.err());
        List<String> again = new ArrayList<>(List.of(args));
        again.add("--overwrite");
        Run second = run(again.toArray(String[]::new));
        assertEquals(0, second.rc(), second.err());
        assertTrue(second.out().contains("features: 0 computed, 48 from cache"), second.out());
        // the set was swapped in whole: no staging or old folder is left beside it
        try (var beside = Files.list(tmp)) {
            assertEquals(List.of(), beside.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".adapter"))
                    .toList());
        }
        // a user's own file in the adapter folder is never swept away with the old adapter
        Files.writeString(out.resolve("notes.txt"), "my notes");
        Run third = run(again.toArray(String[]::new));
        assertEquals(0, third.rc(), third.err());
        assertEquals("my notes", Files.readString(out.resolve("notes.txt")));
        assertTrue(third.err().contains("also holds [notes.txt]"), third.err());
        assertTrue(Files.isRegularFile(out.resolve("adapter.json")) && !Files.exists(out.resolve("checkpoint")));
    }

    @Test
    void foldersAndMasksModes() throws IOException {
        SplittableRandom r = new SplittableRandom(3);
        Path root = tmp.resolve("classes");
        Path images = Files.createDirectories(tmp.resolve("seg/images"));
        Path masks = Files.createDirectories(tmp.resolve("seg/masks"));
        for (int i = 0; i < 12; i++) {
            boolean sq = i % 2 == 0;
            Path dir = Files.createDirectories(root.resolve(sq ? "square" : "plain"));
            BufferedImage[] pair = png(r, true);
            ImageIO.write(png(r, sq)[0], "png", dir.resolve("f" + i + ".png").toFile());
            ImageIO.write(pair[0], "png", images.resolve("s" + i + ".png").toFile());
            ImageIO.write(pair[1], "png", masks.resolve("s" + i + "_mask.png").toFile());
        }
        Run folders = run("--model", model().toString(), "--threads", "1", "--folders", root.toString(), "--out",
                tmp.resolve("a1").toString(), "--cache", tmp.resolve("cache").toString(), "--epochs", "3",
                "--type", "attention-pool-mlp", "--hidden", "16", "--pool-heads", "2");
        assertEquals(0, folders.rc(), folders.err());
        assertEquals("multiclass", json(tmp.resolve("a1/adapter.json")).get("task").getAsString());
        assertEquals(2, json(tmp.resolve("a1/report.json")).getAsJsonArray("classes").size());

        Run seg = run("--model", model().toString(), "--threads", "1", "--masks", images.toString(), masks.toString(),
                "--out", tmp.resolve("a2").toString(), "--cache", tmp.resolve("cache").toString(), "--epochs", "3",
                "--type", "segmentation-linear");
        assertEquals(0, seg.rc(), seg.err());
        JsonObject report = json(tmp.resolve("a2/report.json"));
        assertTrue(report.has("dice") && report.has("iou"), report.toString());
    }

    @Test
    void usageErrorsAreReported() throws IOException {
        Run none = run("--model", model().toString(), "--out", tmp.resolve("x").toString());
        assertEquals(CliExitCodes.USAGE, none.rc());
        assertTrue(none.err().contains("exactly one of --csv, --folders or --masks"), none.err());
        Run badType = run("--model", model().toString(), "--out", tmp.resolve("x").toString(), "--csv",
                squaresCsv(4).toString(), "--labels", "square", "--type", "segmentation-conv");
        assertEquals(CliExitCodes.USAGE, badType.rc());
        Run badColumn = run("--model", model().toString(), "--out", tmp.resolve("x").toString(), "--csv",
                squaresCsv(4).toString(), "--labels", "nodule", "--cache", tmp.resolve("c").toString());
        assertEquals(CliExitCodes.UNREADABLE, badColumn.rc());
        assertTrue(badColumn.err().contains("no column 'nodule'"), badColumn.err());
    }

    @Test
    void sharedChestXraysEndToEnd() throws IOException {
        String prop = System.getProperty("raylens.shared");
        Path shared = prop != null ? Path.of(prop)
                : Path.of("").toAbsolutePath().getParent().resolve("../shared").normalize();
        Path labels = shared.resolve("data/cxr/labels.csv");
        assumeTrue(Files.isRegularFile(labels), "../shared/data/cxr/labels.csv is absent; CXR training test skipped");
        Path out = tmp.resolve("sex-adapter");
        Run r = run("--model", model().toString(), "--threads", "1", "--csv", labels.toString(), "--label-column", "sex",
                "--patient-column", "patient_id", "--out", out.toString(), "--cache", tmp.resolve("cache").toString(),
                "--epochs", "3", "--seed", "2");
        // the shared set holds colour figures, which cannot be used: trained on the rest, and they are listed
        assertEquals(CliExitCodes.COMPLETED_WITH_FAILURES, r.rc(), r.err() + r.out());
        List<String> failed = Files.readAllLines(tmp.resolve("sex-adapter.failures.csv"));
        assertEquals(BatchFailures.HEADER, failed.get(0));
        assertTrue(failed.stream().anyMatch(l -> l.contains("a colour image")), failed.toString());
        assertTrue(r.err().contains("file(s) failed:"), r.err());
        JsonObject spec = json(out.resolve("adapter.json"));
        assertEquals("raylens-adapter", spec.get("format").getAsString());
        assertEquals(List.of("F", "M"), List.of(spec.getAsJsonArray("labels").get(0).getAsString(),
                spec.getAsJsonArray("labels").get(1).getAsString()));
        JsonObject report = json(out.resolve("report.json"));
        assertTrue(report.get("validationImages").getAsInt() > 0);
        assertTrue(report.has("macroAuroc"), "the metric is whatever it is on a random encoder, but it is reported");
        for (var c : report.getAsJsonArray("classes")) {
            assertPlot(out.resolve(c.getAsJsonObject().get("rocPlot").getAsString()));
        }
        assertTrue(Files.readString(out.resolve("report.md")).contains("| F |"));
    }
}
