package org.raylens.overlays.export.dicom;

import org.raylens.viewer.derived.DerivedTags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;

class ScoresReportTest {

    @TempDir
    Path dir;

    static final String SHA = "ef".repeat(32);
    static final AlgorithmIdentity ALGORITHM = new AlgorithmIdentity("effusion-probe", "rad-dino", SHA,
            "adapter effusion-probe (linear probe on CLS); input recipe minmax; resize 518, crop 518", "0.1.0-test");
    static final List<ScoresReport.Score> SCORES = List.of(new ScoresReport.Score("Pleural effusion", 0.8125, 0.5,
            true), new ScoresReport.Score("Cardiomegaly", 0.125, 0.4, false));

    private Path write(SourceImage source, Linkage linkage) throws Exception {
        Path out = dir.resolve("sr-" + linkage + "-" + source.frame() + ".dcm");
        ScoresReport.write(new ScoresReport.Request(source, SCORES, ALGORITHM, linkage, false), out);
        return out;
    }

    private List<SourceImage> sources() throws Exception {
        return List.of(SourceImage.of(SourceFiles.header(SourceFiles.CR)),
                new SourceImage(SourceFiles.header(SourceFiles.MULTI_FRAME_CT), 2));
    }

    @Test
    void everyReportVariantPassesDciodvfyWithoutErrors() throws Exception {
        assumeTrue(DicomValidators.onPath("dciodvfy"), "dciodvfy (dicom3tools) not installed; skipping");
        for (SourceImage source : sources()) {
            for (Linkage linkage : Linkage.values()) {
                DicomValidators.Result r = DicomValidators.dciodvfy(write(source, linkage));
                assertEquals(List.of(), r.errors(), source.sopClass() + " " + linkage + ":\n" + r.output());
                assertEquals(List.of(), r.unexplainedWarnings(), r.output());
            }
        }
    }

    @Test
    void dcmdumpReadsItWithoutWarnings() throws Exception {
        assumeTrue(DicomValidators.onPath("dcmdump"), "dcmdump (dcmtk) not installed; skipping");
        DicomValidators.Result r = DicomValidators.dcmdump(write(sources().get(0), Linkage.LINKED));
        assertEquals(0, r.code(), r.output());
        assertFalse(r.output().contains("W: ") || r.output().contains("E: "), r.output());
        assertTrue(r.output().contains("ComprehensiveSRStorage"), r.output());
    }

    @Test
    void pydicomReadsTheScoresAndTheModelIdentity() throws Exception {
        String python = DicomValidators.pythonWithPydicom();
        assumeTrue(python != null, "python3 with pydicom and numpy not found; skipping");
        String script = "import sys, pydicom\n"
                + "ds = pydicom.dcmread(sys.argv[1])\n"
                + "def walk(items, out):\n"
                + "    for i in items:\n"
                + "        name = i.ConceptNameCodeSequence[0].CodeMeaning\n"
                + "        if i.ValueType == 'NUM': out.append(name + '=' + str(float(i.MeasuredValueSequence[0].NumericValue)))\n"
                + "        if i.ValueType == 'TEXT' and name == 'Algorithm Version': out.append(i.TextValue)\n"
                + "        if i.ValueType == 'CONTAINER': out.append('[' + name + ']')\n"
                + "        if 'ContentSequence' in i: walk(i.ContentSequence, out)\n"
                + "out = []\n"
                + "walk(ds.ContentSequence, out)\n"
                + "print(ds.Modality, ' '.join(out))\n";
        DicomValidators.Result r = DicomValidators.python(python, script, write(sources().get(0), Linkage.LINKED));
        assertEquals(0, r.code(), r.output());
        assertEquals("SR sha256:" + SHA + " [Pleural effusion] Probability=0.8125 Decision threshold=0.5"
                + " [Cardiomegaly] Probability=0.125 Decision threshold=0.4", r.output().strip());
    }

    @Test
    void raylensReaderReadsTheReferenceToTheScoredFrame() throws Exception {
        SourceImage ct = sources().get(1);
        DicomObject sr = DicomReader.read(write(ct, Linkage.LINKED)).dataset();
        assertEquals(ScoresReport.SOP_CLASS_UID, sr.getString(Tag.SOPClassUID));
        DicomObject image = sr.getSequence(DerivedTags.ContentSequence).stream()
                .filter(i -> "IMAGE".equals(i.getString(DerivedTags.ValueType))).findFirst().orElseThrow();
        DicomObject ref = image.getSequence(DerivedTags.ReferencedSOPSequenceInSR).get(0);
        assertEquals(ct.sopInstance(), ref.getString(Tag.ReferencedSOPInstanceUID));
        assertEquals(2, ref.getInt(DerivedTags.ReferencedFrameNumber, 0));
    }

    @Test
    void labelsBecomeValidPrivateCodes() {
        Code c = ScoresReport.labelCode("Pleural effusion (left) — large");
        assertEquals("PLEURAL_EFFUSION", c.value());
        assertEquals("99RAYLENS", c.scheme());
        assertEquals("Pleural effusion (left) — large", c.meaning());
    }
}
