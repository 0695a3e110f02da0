package org.raylens.app.open;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.SmallDicomStudy;

class DicomStudyLabellerTest {

    @TempDir
    Path dir;

    @Test
    void dicomFilesAreLabelledFromTheirHeadersOtherFilesKeepTheirFolderLabels() throws Exception {
        Path dcm = SmallDicomStudy.write(dir);
        Path png = Files.writeString(dir.resolve("notes.png"), "not really a png");
        List<StudyInstance> labelled = new DicomStudyLabeller().label(List.of(
                new StudyInstance(dcm, "folder", "", "small-pa.dcm"),
                new StudyInstance(png, "folder", "", "notes.png")));
        StudyInstance d = labelled.get(0);
        assertEquals("TEST SMALL (SMALL-1)", d.patientLabel());
        assertEquals("2024-01-02", d.studyLabel());
        assertEquals("DX", d.seriesLabel());
        assertEquals("small-pa.dcm", d.instanceLabel());
        assertEquals(new StudyInstance(png, "folder", "", "notes.png"), labelled.get(1));
    }

    @Test
    void labelsReadWellWhenFieldsAreMissing() {
        assertEquals("(no patient name)", DicomStudyLabeller.patientLabel("", null));
        assertEquals("ID7", DicomStudyLabeller.patientLabel(null, "ID7"));
        assertEquals("#3 CR PA", DicomStudyLabeller.seriesLabel(3, "CR", "PA"));
        assertEquals("Series", DicomStudyLabeller.seriesLabel(null, null, " "));
        assertEquals("1.2.3", DicomStudyLabeller.studyLabel(null, null, "1.2.3"));
    }
}
