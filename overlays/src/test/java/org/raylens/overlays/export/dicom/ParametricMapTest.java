package org.raylens.overlays.export.dicom;

import org.raylens.viewer.derived.DerivedTags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.export.ExportException;
import org.raylens.viewer.dicom.BulkData;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;

class ParametricMapTest {

    @TempDir
    Path dir;

    static final AlgorithmIdentity ALGORITHM = new AlgorithmIdentity("gradcam", "rad-dino", "cd".repeat(32),
            "gradcam layer norm1, class 1; minmax recipe", "0.1.0-test");

    /**
     * A map over a {@code w × h} source resized to 1.02×, cropped by 1 pixel, patches of 14: the border the crop
     * dropped is unseen. Values: row × 100 + col, so every patch's value is recognisable.
     */
    static PatchMap map(int w, int h) {
        int rw = (int) Math.round(w * 1.02);
        int rh = (int) Math.round(h * 1.02);
        int patch = Math.max(1, Math.min(w, h) / 20);
        int input = Math.min(rw, rh) - 2;
        int rows = input / patch;
        int cols = input / patch;
        MapGeometry g = new MapGeometry(w, h, rw, rh, 1, 1, input, input, patch, rows, cols);
        float[] v = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                v[r * cols + c] = r * 100 + c;
            }
        }
        return new PatchMap("gradcam", "Grad-CAM of class 1 (Effusion), layer norm1", rows, cols, 1, v, g,
                "model rad-dino sha256 cdcd…; gradcam class 1");
    }

    private Path write(SourceImage source, Linkage linkage) throws Exception {
        Path out = dir.resolve("pm-" + linkage + "-" + source.frame() + ".dcm");
        ParametricMap.write(new ParametricMap.Request(source, map(source.columns(), source.rows()), ALGORITHM,
                linkage, false), out);
        return out;
    }

    private List<SourceImage> sources() throws Exception {
        return List.of(SourceImage.of(SourceFiles.header(SourceFiles.CR)),
                new SourceImage(SourceFiles.header(SourceFiles.MULTI_FRAME_CT), 3));
    }

    @Test
    void everyParametricMapVariantPassesDciodvfyWithoutErrors() throws Exception {
        assumeTrue(DicomValidators.onPath("dciodvfy"), "dciodvfy (dicom3tools) not installed; skipping");
        for (SourceImage source : sources()) {
            for (Linkage linkage : Linkage.values()) {
                Path out = write(source, linkage);
                DicomValidators.Result r = DicomValidators.dciodvfy(out);
                assertEquals(List.of(), r.errors(), source.sopClass() + " " + linkage + ":\n" + r.output());
                    assertEquals(List.of(), r.unexplainedWarnings(), r.output());
            }
        }
    }

    /** Regression: a description of 3-byte characters ("CLS → patches") was cut by characters, past LO's 64 bytes. */
    @Test
    void longNonAsciiDescriptionsAreCutToTheirVrsByteLimit() throws Exception {
        assumeTrue(DicomValidators.onPath("dciodvfy"), "dciodvfy (dicom3tools) not installed; skipping");
        SourceImage cr = SourceImage.of(SourceFiles.header(SourceFiles.CR));
        PatchMap m = map(cr.columns(), cr.rows());
        PatchMap arrows = new PatchMap("attention", "CLS → patches → patches → patches, layer 4/4, mean of 6 heads",
                m.rows(), m.cols(), 1, m.values(), m.geometry(), "attention → provenance");
        Path out = dir.resolve("arrows.dcm");
        ParametricMap.write(new ParametricMap.Request(cr, arrows, new AlgorithmIdentity("attention",
                "Demo encoder → random", null, "", "0.1.0-test"), Linkage.LINKED, false), out);
        DicomValidators.Result r = DicomValidators.dciodvfy(out);
        assertEquals(List.of(), r.errors(), r.output());
        assertEquals("é→", DerivedHeader.clip("é→x", 5));
        assertEquals("é", DerivedHeader.clip("é→x", 4));
    }

    @Test
    void dcmdumpReadsItWithoutWarnings() throws Exception {
        assumeTrue(DicomValidators.onPath("dcmdump"), "dcmdump (dcmtk) not installed; skipping");
        for (SourceImage source : sources()) {
            DicomValidators.Result r = DicomValidators.dcmdump(write(source, Linkage.LINKED));
            assertEquals(0, r.code(), r.output());
            assertFalse(r.output().contains("W: ") || r.output().contains("E: "), r.output());
            assertTrue(r.output().contains("(0008,0016) UI =ParametricMapStorage"), r.output());
        }
    }

    @Test
    void pydicomReadsTheFloatsAndTheNamedMapping() throws Exception {
        String python = DicomValidators.pythonWithPydicom();
        assumeTrue(python != null, "python3 with pydicom and numpy not found; skipping");
        SourceImage cr = SourceImage.of(SourceFiles.header(SourceFiles.CR));
        PatchMap m = map(cr.columns(), cr.rows());
        int x = cr.columns() / 2;
        int y = cr.rows() / 3;
        int[] patch = m.geometry().patchAt(x + 0.5, y + 0.5);
        String script = "import sys, math, pydicom\n"
                + "ds = pydicom.dcmread(sys.argv[1])\n"
                + "a = ds.pixel_array\n"
                + "rwv = ds.SharedFunctionalGroupsSequence[0].RealWorldValueMappingSequence[0]\n"
                + "print(a.dtype, a.shape, float(a[" + y + ", " + x + "]), math.isnan(a[0, 0]), "
                + "rwv.LUTLabel, rwv.LUTExplanation)\n";
        DicomValidators.Result r = DicomValidators.python(python, script, write(cr, Linkage.LINKED));
        assertEquals(0, r.code(), r.output());
        assertEquals("float32 (" + cr.rows() + ", " + cr.columns() + ") " + m.value(patch[0], patch[1])
                + " True gradcam gradcam (Grad-CAM of class 1 (Effusion), layer norm1) of rad-din",
                r.output().strip());
    }

    @Test
    void raylensReaderReadsTheMapBack() throws Exception {
        SourceImage ct = new SourceImage(SourceFiles.header(SourceFiles.MULTI_FRAME_CT), 3);
        Path file = write(ct, Linkage.LINKED);
        DicomObject pm = DicomReader.read(file).dataset();
        assertEquals(ParametricMap.SOP_CLASS_UID, pm.getString(Tag.SOPClassUID));
        assertEquals(32, pm.getInt(Tag.BitsAllocated, 0));
        float[] expected = ParametricMap.sourcePixels(map(ct.columns(), ct.rows()));
        // the reader keeps pixel data as bulk data (offset and length in the file): read the floats from there
        BulkData bulk = pm.get(Tag.FloatPixelData).bulkData();
        assertEquals(expected.length * 4L, bulk.length());
        java.nio.FloatBuffer stored = java.nio.ByteBuffer.wrap(Files.readAllBytes(file), (int) bulk.valueOffset(),
                (int) bulk.length()).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], stored.get(i), 0f, "pixel " + i);
        }
        DicomObject rwv = pm.getSequence(DerivedTags.SharedFunctionalGroupsSequence).get(0)
                .getSequence(DerivedTags.RealWorldValueMappingSequence).get(0);
        assertEquals(map(ct.columns(), ct.rows()).range()[1],
                rwv.getDouble(DerivedTags.DoubleFloatRealWorldValueLastValueMapped, -1), 0);
    }

    @Test
    void aColourMapIsRefusedAndNothingIsWritten() throws Exception {
        SourceImage cr = SourceImage.of(SourceFiles.header(SourceFiles.CR));
        MapGeometry g = MapGeometry.identity(cr.columns(), cr.rows(), 20);
        PatchMap pca = new PatchMap("pca", "PCA", g.rows(), g.cols(), 3, new float[g.rows() * g.cols() * 3], g,
                "pca");
        Path out = dir.resolve("pca.dcm");
        assertThrows(ExportException.class, () -> ParametricMap.write(
                new ParametricMap.Request(cr, pca, ALGORITHM, Linkage.LINKED, false), out));
        assertFalse(Files.exists(out));
    }
}
