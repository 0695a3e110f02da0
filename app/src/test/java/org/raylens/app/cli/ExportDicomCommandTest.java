package org.raylens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.inference.adapter.AdapterFolder;
import org.raylens.inference.adapter.AdapterInput;
import org.raylens.inference.adapter.AdapterSpec;
import org.raylens.inference.adapter.AdapterTask;
import org.raylens.inference.adapter.AdapterTensors;
import org.raylens.inference.adapter.AdapterType;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.adapter.PreprocessingRecipe;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import picocli.CommandLine;

/**
 * {@code raylens export-dicom} end to end on the golden tiny model and a real CR: a Parametric Map, a SEG and an SR
 * that dciodvfy passes without errors, and exit 2 with a typed message when the combination cannot be made.
 */
class ExportDicomCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ExportDicomCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        return cli.execute(args);
    }

    private Path model() {
        Path g = ForwardCommandTest.golden().orElse(null);
        assumeTrue(g != null, "../shared/golden is absent; export-dicom CLI tests skipped");
        return g.resolve("tiny/hf");
    }

    private Path cr() {
        Path f = ForwardCommandTest.golden().map(g -> g.resolveSibling("data/cxr/dicom/CR-MONO1-10-chest.dcm"))
                .orElse(null);
        assumeTrue(f != null && Files.isRegularFile(f), "../shared/data is absent; export-dicom CLI tests skipped");
        return f;
    }

    /** An adapter folder of random weights for the tiny model (hidden 64, patch 14). */
    private Path adapter(String name, AdapterType type, AdapterInput input, AdapterTask task, List<String> labels)
            throws Exception {
        AdapterSpec spec = new AdapterSpec(name, type, input, task, labels, labels.stream().map(l -> 0.5).toList(),
                0, 0, new EncoderIdentity("tiny", 64, 14, 0, sha256(model().resolve("model.safetensors"))),
                new PreprocessingRecipe(PreprocessorConfig.radDino(), "minmax"), Optional.empty());
        SplittableRandom r = new SplittableRandom(7);
        Map<String, float[]> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : AdapterTensors.expected(spec).entrySet()) {
            long n = 1;
            for (long d : e.getValue()) {
                n *= d;
            }
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (r.nextDouble() * 0.2 - 0.1);
            }
            tensors.put(e.getKey(), v);
        }
        Path folder = tmp.resolve(name);
        AdapterFolder.write(folder, spec, tensors);
        return folder;
    }

    private Path segmentationAdapter() throws Exception {
        return adapter("lung-seg", AdapterType.SEGMENTATION_LINEAR, AdapterInput.PATCH_TOKENS,
                AdapterTask.SEGMENTATION, List.of("Left lung"));
    }

    private Path classificationAdapter() throws Exception {
        return adapter("findings", AdapterType.LINEAR, AdapterInput.CLS, AdapterTask.MULTILABEL,
                List.of("Effusion", "Cardiomegaly"));
    }

    private static String sha256(Path file) throws Exception {
        var md = java.security.MessageDigest.getInstance("SHA-256");
        return java.util.HexFormat.of().formatHex(md.digest(Files.readAllBytes(file)));
    }

    /** dciodvfy's error lines for {@code file}, or empty when dciodvfy is absent (the writers' tests cover it). */
    private static List<String> dciodvfyErrors(Path file) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/dciodvfy"))) {
            return List.of();
        }
        Process p = new ProcessBuilder("/usr/bin/dciodvfy", "-new", file.toString()).redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return output.lines().filter(l -> l.startsWith("Error")).toList();
    }

    private DicomObject written(Path file, String sopClass) throws Exception {
        DicomObject d = DicomReader.read(file).dataset();
        assertEquals(sopClass, d.getString(Tag.SOPClassUID));
        assertEquals(List.of(), dciodvfyErrors(file));
        return d;
    }

    @Test
    void writesAParametricMapOfTheAttentionMap() throws Exception {
        Path dcm = tmp.resolve("attention.dcm");
        int rc = run(cr().toString(), "--model", model().toString(), "--threads", "1", "--what", "pmap",
                "--method", "attention", "--out", dcm.toString());
        assertEquals(0, rc, err.toString());
        DicomObject pm = written(dcm, "1.2.840.10008.5.1.4.1.1.30");
        DicomObject source = DicomReader.readHeader(cr()).dataset();
        assertEquals(source.getString(Tag.StudyInstanceUID), pm.getString(Tag.StudyInstanceUID));
        assertEquals(source.getInt(Tag.Rows, 0), pm.getInt(Tag.Rows, -1));
    }

    @Test
    void writesAGradCamParametricMapOfAnAdaptersClass() throws Exception {
        Path dcm = tmp.resolve("gradcam.dcm");
        int rc = run(cr().toString(), "--model", model().toString(), "--threads", "1", "--what", "pmap",
                "--method", "gradcam", "--class", "1", "--adapter", classificationAdapter().toString(),
                "--deidentify", "--out", dcm.toString());
        assertEquals(0, rc, err.toString());
        DicomObject pm = written(dcm, "1.2.840.10008.5.1.4.1.1.30");
        assertEquals("YES", pm.getString(0x00120062));
    }

    @Test
    void writesASegOfASegmentationAdaptersMask() throws Exception {
        Path dcm = tmp.resolve("seg.dcm");
        int rc = run(cr().toString(), "--model", model().toString(), "--threads", "1", "--what", "seg",
                "--adapter", segmentationAdapter().toString(), "--fractional", "--out", dcm.toString());
        assertEquals(0, rc, err.toString());
        DicomObject seg = written(dcm, "1.2.840.10008.5.1.4.1.1.66.4");
        assertEquals("Left lung", seg.getSequence(0x00620002).get(0).getString(0x00620005));
        assertEquals("FRACTIONAL", seg.getString(0x00620001));
    }

    @Test
    void writesAnSrOfAClassificationAdaptersScores() throws Exception {
        Path dcm = tmp.resolve("sr.dcm");
        int rc = run(cr().toString(), "--model", model().toString(), "--threads", "1", "--what", "sr",
                "--adapter", classificationAdapter().toString(), "--out", dcm.toString());
        assertEquals(0, rc, err.toString());
        written(dcm, "1.2.840.10008.5.1.4.1.1.88.33");
    }

    @Test
    void segWithoutASegmentationAdapterExitsTwoAndWritesNothing() throws Exception {
        Path dcm = tmp.resolve("never.dcm");
        assertEquals(CliExitCodes.UNREADABLE, run(cr().toString(), "--model", model().toString(), "--what", "seg",
                "--out", dcm.toString()));
        assertTrue(err.toString().contains("--what seg needs --adapter"), err.toString());
        assertEquals(CliExitCodes.UNREADABLE, run(cr().toString(), "--model", model().toString(), "--threads", "1",
                "--what", "seg", "--adapter", classificationAdapter().toString(), "--out", dcm.toString()));
        assertTrue(err.toString().contains("needs a segmentation adapter"), err.toString());
        assertEquals(CliExitCodes.UNREADABLE, run(cr().toString(), "--model", model().toString(), "--threads", "1",
                "--what", "sr", "--adapter", segmentationAdapter().toString(), "--out", dcm.toString()));
        assertTrue(err.toString().contains("needs a classification adapter"), err.toString());
        assertFalse(Files.exists(dcm));
    }

    @Test
    void aPngSourceExitsTwo() throws IOException {
        Path png = tmp.resolve("x.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(56, 56,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        Path dcm = tmp.resolve("never.dcm");
        assertEquals(CliExitCodes.UNREADABLE, run(png.toString(), "--model", model().toString(), "--what", "pmap",
                "--out", dcm.toString()));
        assertTrue(err.toString().contains("not a DICOM image"), err.toString());
        assertFalse(Files.exists(dcm));
    }
}
