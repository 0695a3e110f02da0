package org.raylens.overlays.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.overlays.figure.FigurePanel;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.UidGenerator;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.image.OpenedImage;
import org.raylens.viewer.image.ViewTransform;

class SecondaryCaptureTest {

    @TempDir
    Path dir;

    private DicomObject source;
    private FigurePanel panel;

    @BeforeEach
    void setUp() throws Exception {
        Path sourceFile = dir.resolve("source.dcm");
        source = TestFigures.writeSource(sourceFile);
        try (OpenedImage opened = new ImageOpener().open(sourceFile)) {
            DisplayableImage image = opened.frame(0);
            org.raylens.core.result.MapGeometry geometry =
                    org.raylens.core.result.MapGeometry.identity(64, 48, 16);
            float[] v = new float[12];
            v[5] = 1;
            HeatmapLayer heat = new HeatmapLayer("attention",
                    new org.raylens.core.result.PatchMap("attention", "", 3, 4, 1, v, geometry, ""));
            panel = new FigurePanel("view", image, image.defaultWindow(), false, ViewTransform.zoomPan(2, 0, 0),
                    128, 96, List.of(heat));
        }
    }

    @Test
    void writesAnRgbSecondaryCaptureInTheSourceStudy() throws Exception {
        Path out = dir.resolve("sc.dcm");
        SecondaryCapture.write(request(false), out);
        try (DicomFile file = DicomReader.read(out)) {
            DicomObject d = file.dataset();
            assertEquals(SecondaryCapture.SOP_CLASS_UID, d.getString(Tag.SOPClassUID));
            assertEquals(SecondaryCapture.SOP_CLASS_UID, file.fileMeta().getString(Tag.MediaStorageSOPClassUID));
            assertEquals(source.getString(Tag.StudyInstanceUID), d.getString(Tag.StudyInstanceUID));
            assertNotEquals(source.getString(Tag.SeriesInstanceUID), d.getString(Tag.SeriesInstanceUID));
            assertNotEquals(source.getString(Tag.SOPInstanceUID), d.getString(Tag.SOPInstanceUID));
            assertTrue(UidGenerator.isValid(d.getString(Tag.SeriesInstanceUID)));
            assertTrue(UidGenerator.isValid(d.getString(Tag.SOPInstanceUID)));
            assertEquals("WSD", d.getString(Tag.ConversionType));
            assertEquals("YES", d.getString(SecondaryCapture.BURNED_IN_ANNOTATION));
            assertEquals("RGB", d.getString(Tag.PhotometricInterpretation));
            assertEquals(3, d.getInt(Tag.SamplesPerPixel, 0));
            assertEquals(96, d.getInt(Tag.Rows, 0));
            assertEquals(128, d.getInt(Tag.Columns, 0));
            DicomObject ref = d.getSequence(Tag.SourceImageSequence).get(0);
            assertEquals(source.getString(Tag.SOPInstanceUID), ref.getString(Tag.ReferencedSOPInstanceUID));
            assertEquals(source.getString(Tag.SOPClassUID), ref.getString(Tag.ReferencedSOPClassUID));
            DicomObject ref2 = d.getSequence(SecondaryCapture.REFERENCED_IMAGE_SEQUENCE).get(0);
            assertEquals(source.getString(Tag.SOPInstanceUID), ref2.getString(Tag.ReferencedSOPInstanceUID));
            assertTrue(d.getString(Tag.DerivationDescription).contains("attention, layer 12"));
            assertEquals(TestFigures.PATIENT_ID, d.getString(Tag.PatientID));
        }
        // The pixels are the annotated view, read back through RayLens's own pipeline.
        BufferedImage expected = SecondaryCapture.render(request(false));
        try (OpenedImage opened = new ImageOpener().open(out)) {
            DisplayableImage image = opened.frame(0);
            assertTrue(image.isColor());
            int[] back = new int[128 * 96];
            image.render(null, false, ViewTransform.zoomPan(1, 0, 0), back, 128, 96, 0);
            for (int i = 0; i < back.length; i++) {
                assertEquals(expected.getRGB(i % 128, i / 128) & 0xFFFFFF, back[i] & 0xFFFFFF, "pixel " + i);
            }
        }
    }

    @Test
    void dcmdumpReadsItWithoutWarnings() throws Exception {
        assumeTrue(onPath("dcmdump"), "dcmdump (dcmtk) not installed; skipping");
        Path out = dir.resolve("sc.dcm");
        SecondaryCapture.write(request(true), out);
        Result r = run(List.of("dcmdump", out.toString()));
        assertEquals(0, r.code, r.output);
        assertFalse(r.output.contains("W: "), r.output);
        assertFalse(r.output.contains("E: "), r.output);
        assertTrue(r.output.contains("(0008,0016) UI =SecondaryCaptureImageStorage"), r.output);
        assertTrue(r.output.contains("(0008,0064) CS [WSD"), r.output);
        assertTrue(r.output.contains("(0028,0004) CS [RGB"), r.output);
    }

    @Test
    void pydicomParsesItAndSeesTheRgbPixels() throws Exception {
        String python = pythonWithPydicom();
        assumeTrue(python != null, "python3 with pydicom and numpy not found; skipping");
        Path out = dir.resolve("sc.dcm");
        SecondaryCapture.write(request(false), out);
        String script = "import sys, pydicom\n"
                + "ds = pydicom.dcmread(sys.argv[1])\n"
                + "a = ds.pixel_array\n"
                + "print(ds.SOPClassUID, ds.ConversionType, ds.BurnedInAnnotation, a.shape, "
                + "int(a[10, 20, 0]), int(a[10, 20, 1]), int(a[10, 20, 2]))\n";
        Result r = run(List.of(python, "-c", script, out.toString()));
        assertEquals(0, r.code, r.output);
        int rgb = SecondaryCapture.render(request(false)).getRGB(20, 10);
        String expected = "1.2.840.10008.5.1.4.1.1.7 WSD YES (96, 128, 3) " + ((rgb >> 16) & 0xFF) + " "
                + ((rgb >> 8) & 0xFF) + " " + (rgb & 0xFF);
        assertEquals(expected, r.output.strip());
    }

    @Test
    void refusesASourceWithoutUidsAndWritesNothing() {
        DicomObject bare = new DicomObject();
        Path out = dir.resolve("nothing.dcm");
        SecondaryCapture.Request request =
                new SecondaryCapture.Request(panel, bare, 1, "", "0.1.0-test", false, false);
        assertThrows(ExportException.class, () -> SecondaryCapture.write(request, out));
        assertFalse(Files.exists(out));
    }

    private SecondaryCapture.Request request(boolean demo) {
        return new SecondaryCapture.Request(panel, source, 1, "Method attention, layer 12, mean of heads.",
                "0.1.0-test", demo, false);
    }

    record Result(int code, String output) {}

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** A python3 that can import pydicom and numpy: the one on PATH, else Debian's. */
    static String pythonWithPydicom() throws InterruptedException {
        List<String> candidates = new ArrayList<>(List.of("python3", "/usr/bin/python3"));
        for (String python : candidates) {
            try {
                if (run(List.of(python, "-c", "import pydicom, numpy")).code == 0) {
                    return python;
                }
            } catch (IOException e) {
                // not installed under that name: try the next
            }
        }
        return null;
    }
}
