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
import org.raylens.overlays.export.ExportException;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;

class SegmentationTest {

    @TempDir
    Path dir;

    static final AlgorithmIdentity ALGORITHM = new AlgorithmIdentity("lung-seg adapter", "rad-dino",
            "ab".repeat(32), "adapter lung-seg; minmax recipe; resize 518", "0.1.0-test");

    /** A mask over {@code w × h}: probability rising left to right, NaN in the last column (unseen). */
    static float[] ramp(int w, int h) {
        float[] p = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y * w + x] = x == w - 1 ? Float.NaN : x / (float) (w - 1);
            }
        }
        return p;
    }

    private Path write(SourceImage source, boolean fractional, Linkage linkage) throws Exception {
        int w = source.columns();
        int h = source.rows();
        List<Segmentation.Segment> segments = List.of(
                Segmentation.Segment.of("Left lung", 0xFF0000, w, h, ramp(w, h), 0.5),
                Segmentation.Segment.of("Nodule", 0x00C0FF, w, h, ramp(w, h), 0.9));
        Path out = dir.resolve((fractional ? "fractional" : "binary") + "-" + linkage + ".dcm");
        Segmentation.write(new Segmentation.Request(source, segments, fractional, ALGORITHM, linkage, false), out);
        return out;
    }

    /** Every combination the export offers: binary/fractional × CR/multi-frame CT × linked/de-identified. */
    @Test
    void everySegVariantPassesDciodvfyWithoutErrors() throws Exception {
        assumeTrue(DicomValidators.onPath("dciodvfy"), "dciodvfy (dicom3tools) not installed; skipping");
        for (SourceImage source : List.of(SourceImage.of(SourceFiles.header(SourceFiles.CR)),
                new SourceImage(SourceFiles.header(SourceFiles.MULTI_FRAME_CT), 2))) {
            for (boolean fractional : new boolean[] {false, true}) {
                for (Linkage linkage : Linkage.values()) {
                    Path out = write(source, fractional, linkage);
                    DicomValidators.Result r = DicomValidators.dciodvfy(out);
                    assertEquals(List.of(), r.errors(), source.sopClass() + " " + fractional + " " + linkage
                            + ":\n" + r.output());
                    assertEquals(List.of(), r.unexplainedWarnings(), r.output());
                    Files.delete(out);
                }
            }
        }
    }

    @Test
    void dcmdumpReadsItWithoutWarnings() throws Exception {
        assumeTrue(DicomValidators.onPath("dcmdump"), "dcmdump (dcmtk) not installed; skipping");
        Path out = write(new SourceImage(SourceFiles.header(SourceFiles.MULTI_FRAME_CT), 2), true, Linkage.LINKED);
        DicomValidators.Result r = DicomValidators.dcmdump(out);
        assertEquals(0, r.code(), r.output());
        assertFalse(r.output().contains("W: ") || r.output().contains("E: "), r.output());
        assertTrue(r.output().contains("(0008,0016) UI =SegmentationStorage"), r.output());
    }

    @Test
    void raylensReaderReadsTheSegmentsBackAndTheReferenceToTheSourceFrame() throws Exception {
        DicomObject ct = SourceFiles.header(SourceFiles.MULTI_FRAME_CT);
        Path out = write(new SourceImage(ct, 2), false, Linkage.LINKED);
        DicomObject seg = DicomReader.read(out).dataset();
        assertEquals(Segmentation.SOP_CLASS_UID, seg.getString(Tag.SOPClassUID));
        assertEquals(ct.getString(Tag.StudyInstanceUID), seg.getString(Tag.StudyInstanceUID));
        assertEquals(2, seg.getInt(Tag.NumberOfFrames, 0));
        List<DicomObject> segments = seg.getSequence(DerivedTags.SegmentSequence);
        assertEquals("Left lung", segments.get(0).getString(DerivedTags.SegmentLabel));
        assertEquals("39607008", segments.get(0).getSequence(DerivedTags.SegmentedPropertyTypeCodeSequence).get(0)
                .getString(DerivedTags.CodeValue));
        DicomObject source = seg.getSequence(DerivedTags.PerFrameFunctionalGroupsSequence).get(1)
                .getSequence(DerivedTags.DerivationImageSequence).get(0).getSequence(Tag.SourceImageSequence).get(0);
        assertEquals(ct.getString(Tag.SOPInstanceUID), source.getString(Tag.ReferencedSOPInstanceUID));
        assertEquals(2, source.getInt(DerivedTags.ReferencedFrameNumber, 0));
        assertEquals(ct.getString(DerivedTags.FrameOfReferenceUID), seg.getString(DerivedTags.FrameOfReferenceUID));
    }

    @Test
    void deidentifiedSegNamesNoPatientAndNoSourceUid() throws Exception {
        DicomObject ct = SourceFiles.header(SourceFiles.MULTI_FRAME_CT);
        Path out = write(new SourceImage(ct, 1), false, Linkage.DEIDENTIFIED);
        byte[] bytes = Files.readAllBytes(out);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (int tag : new int[] {Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SOPInstanceUID,
            DerivedTags.FrameOfReferenceUID, Tag.PatientID}) {
            String value = ct.getString(tag);
            if (value != null && !value.isEmpty()) {
                assertFalse(text.contains(value), "the source's " + Integer.toHexString(tag) + " leaked: " + value);
            }
        }
        DicomObject seg = DicomReader.read(out).dataset();
        assertEquals("YES", seg.getString(DerivedTags.PatientIdentityRemoved));
        String study = seg.getString(Tag.StudyInstanceUID);
        String referencedSeries = seg.getSequence(Tag.ReferencedSeriesSequence).get(0)
                .getString(Tag.SeriesInstanceUID);
        assertFalse(study.isEmpty() || referencedSeries.isEmpty());
    }

    @Test
    void pydicomReadsTheBinaryAndFractionalPixels() throws Exception {
        String python = DicomValidators.pythonWithPydicom();
        assumeTrue(python != null, "python3 with pydicom and numpy not found; skipping");
        SourceImage cr = SourceImage.of(SourceFiles.header(SourceFiles.CR));
        int w = cr.columns();
        String script = "import sys, pydicom\n"
                + "ds = pydicom.dcmread(sys.argv[1])\n"
                + "a = ds.pixel_array\n"
                + "print(ds.SegmentationType, a.shape, int(a[0, 10, " + (w / 2 + 1) + "]), int(a[0, 10, "
                + (w / 2 - 2) + "]), int(a[1, 3, " + (w - 1) + "]), int(a[1, 3, " + (w - 2) + "]), "
                + "ds.SegmentSequence[1].SegmentLabel)\n";
        DicomValidators.Result binary = DicomValidators.python(python, script, write(cr, false, Linkage.LINKED));
        assertEquals(0, binary.code(), binary.output());
        // segment 1 (threshold 0.5): right half 1, left half 0; segment 2: unseen last column 0, the one before 1
        assertEquals("BINARY (2, " + cr.rows() + ", " + w + ") 1 0 0 1 Nodule", binary.output().strip());
        DicomValidators.Result fractional = DicomValidators.python(python, script, write(cr, true, Linkage.LINKED));
        assertEquals(0, fractional.code(), fractional.output());
        float[] p = ramp(w, cr.rows());
        String expected = "FRACTIONAL (2, " + cr.rows() + ", " + w + ") " + Math.round(p[w / 2 + 1] * 255) + " "
                + Math.round(p[w / 2 - 2] * 255) + " 0 " + Math.round(p[w - 2] * 255) + " Nodule";
        assertEquals(expected, fractional.output().strip());
    }

    @Test
    void aMaskOfAnotherSizeIsRefusedAndNothingIsWritten() throws Exception {
        SourceImage cr = SourceImage.of(SourceFiles.header(SourceFiles.CR));
        Path out = dir.resolve("wrong.dcm");
        Segmentation.Request request = new Segmentation.Request(cr, List.of(Segmentation.Segment.of("Left lung",
                0xFF0000, 10, 10, ramp(10, 10), 0.5)), false, ALGORITHM, Linkage.LINKED, false);
        ExportException e = assertThrows(ExportException.class, () -> Segmentation.write(request, out));
        assertTrue(e.getMessage().contains("10×10"), e.getMessage());
        assertFalse(Files.exists(out));
    }
}
