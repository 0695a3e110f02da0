package org.raylens.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.open.FileStudyLoader;
import org.raylens.app.open.StudyInstance;
import org.raylens.app.open.TinyDicom;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.app.ui.MainWindowModel;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.study.DicomDirReader;
import org.raylens.viewer.study.FolderScanner;
import org.raylens.viewer.study.HeaderReader;

/** A folder opened in the window's model, as the study browser then shows it. */
class OpenFolderInBrowserTest {

    @TempDir
    Path dir;

    private final AtomicInteger headerReads = new AtomicInteger();

    private MainWindowModel window() {
        HeaderReader counting = file -> {
            headerReads.incrementAndGet();
            return DicomReader.readHeader(file);
        };
        FileStudyLoader loader = new FileStudyLoader(new FolderScanner(2, counting), new DicomDirReader(2, counting),
                new FileSourceKind(new ImageOpener(), counting), List::of);
        return new MainWindowModel(loader, new SameThreadRunner());
    }

    @Test
    void openingAFolderReadsEachHeaderOnceAndTheSourcesKeepThem() throws Exception {
        for (int i = 1; i <= 5; i++) {
            TinyDicom.write(dir.resolve("s/IM" + i + ".dcm"), "P1", "2.25.21", "2.25.22", "2.25.23" + i);
        }
        MainWindowModel window = window();
        window.open(List.of(dir.resolve("s")));

        assertEquals(5, window.instances().size());
        assertNotNull(window.viewport().getImage(), "the first image is shown: " + window.messageProperty().get());
        assertEquals(5, headerReads.get(), "one header read per file, for the index and the labels together");
        for (StudyInstance i : window.instances()) {
            assertEquals("2.25.21", i.source().header().orElseThrow().dataset()
                    .getString(org.raylens.viewer.dicom.Tag.StudyInstanceUID));
        }
        assertEquals(5, headerReads.get(), "the tags come from the headers kept, not from the files again");
    }

    @Test
    void twoStudiesWithEqualDateAndDescriptionButDifferentUidsAreTwoStudiesInTheBrowser() throws Exception {
        TinyDicom.write(dir.resolve("s/a.dcm"), "P1", "2.25.31", "2.25.32", "2.25.33");
        TinyDicom.write(dir.resolve("s/b.dcm"), "P1", "2.25.41", "2.25.42", "2.25.43");
        MainWindowModel window = window();
        window.open(List.of(dir.resolve("s")));
        StudyBrowserModel browser = new StudyBrowserModel(window.instances());

        List<BrowserNode> patients = browser.getTree();
        assertEquals(1, patients.size(), "one patient: " + patients);
        List<BrowserNode> studies = patients.get(0).children();
        assertEquals(2, studies.size(), "two studies, not one merged by their equal text: " + studies);
        assertTrue(studies.stream().allMatch(s -> s.label().equals("2024-03-05 CHEST PA")
                && s.kind() == BrowserNode.Kind.STUDY && s.instances().size() == 1), studies.toString());
    }
}
