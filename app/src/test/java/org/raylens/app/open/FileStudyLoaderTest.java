package org.raylens.app.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeImage;

class FileStudyLoaderTest {

    @TempDir
    Path dir;

    private final FakeImage image = new FakeImage(4, 4, 0);

    @Test
    void aFolderListsItsImagesSortedWithFolderLabelsAndSkipsNonImages() throws Exception {
        Path study = Files.createDirectories(dir.resolve("CXR-2024"));
        touch(study.resolve("series2/IM2"));
        touch(study.resolve("series1/IM1.dcm"));
        touch(study.resolve("top.png"));
        touch(study.resolve("DICOMDIR"));
        touch(study.resolve("notes.txt"));
        touch(study.resolve(".hidden.dcm"));
        touch(study.resolve(".cache/x.dcm"));

        LoadedStudy loaded = loader().load(List.of(study));

        assertEquals(List.of("IM1.dcm", "IM2", "top.png"),
                loaded.instances().stream().map(StudyInstance::instanceLabel).toList());
        assertEquals(List.of("series1", "series2", ""),
                loaded.instances().stream().map(StudyInstance::seriesLabel).toList());
        assertTrue(loaded.instances().stream().allMatch(i -> i.studyLabel().equals("CXR-2024")));
        assertEquals(false, loaded.synthetic());
        assertTrue(loaded.problems().isEmpty());
    }

    @Test
    void aSymlinkedFolderIsListedAndLinksLeavingItAreReportedNotListed() throws Exception {
        Path study = Files.createDirectories(dir.resolve("real-study"));
        touch(study.resolve("series1/IM1.dcm"));
        Path secret = touch(dir.resolve("outside/secret.dcm"));
        Files.createSymbolicLink(study.resolve("series1/IM9.dcm"), secret);
        Path linked = Files.createSymbolicLink(dir.resolve("linked-study"), study);

        LoadedStudy loaded = loader().load(List.of(linked));

        assertEquals(List.of("IM1.dcm"), loaded.instances().stream().map(StudyInstance::instanceLabel).toList());
        assertEquals(List.of("series1"), loaded.instances().stream().map(StudyInstance::seriesLabel).toList());
        assertEquals(1, loaded.problems().size(), loaded.problems().toString());
        assertTrue(loaded.problems().get(0).contains("IM9.dcm") && loaded.problems().get(0).contains("outside"),
                loaded.problems().toString());
    }

    @Test
    void singleFilesListAsThemselvesAndMissingOnesAreReported() throws Exception {
        Path file = touch(dir.resolve("a.dcm"));
        LoadedStudy loaded = loader().load(List.of(file, dir.resolve("missing.dcm")));
        assertEquals(1, loaded.instances().size());
        assertEquals(file.toAbsolutePath(), loaded.instances().get(0).path());
        assertEquals(1, loaded.problems().size());
        assertTrue(loaded.problems().get(0).contains("missing.dcm"));
    }

    @Test
    void noInputsListTheSampleStudyMarkedSynthetic() throws Exception {
        Path pa = touch(dir.resolve("sample/PA.dcm"));
        FileStudyLoader loader = new FileStudyLoader(f -> image, () -> List.of(pa));
        LoadedStudy loaded = loader.load(List.of());
        assertTrue(loaded.synthetic());
        assertEquals(List.of(pa), loaded.instances().stream().map(StudyInstance::path).toList());
        assertEquals(FileStudyLoader.SAMPLE_STUDY_LABEL, loaded.instances().get(0).studyLabel());
    }

    @Test
    void openDelegatesAndNamesTheFileInEveryFailure() throws Exception {
        Path file = touch(dir.resolve("a.dcm"));
        StudyInstance instance = new StudyInstance(file, "", "", null);
        assertSame(image, loader().open(instance));

        FileStudyLoader failing = new FileStudyLoader(f -> {
            throw new IOException("truncated at byte 132");
        }, List::of);
        StudyLoadException e = assertThrows(StudyLoadException.class, () -> failing.open(instance));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e.getMessage());

        FileStudyLoader sampleFails = new FileStudyLoader(f -> image, () -> {
            throw new IOException("disk full");
        });
        StudyLoadException s = assertThrows(StudyLoadException.class, () -> sampleFails.load(List.of()));
        assertTrue(s.getMessage().contains("disk full"), s.getMessage());
    }

    private FileStudyLoader loader() {
        return new FileStudyLoader(f -> image, List::of);
    }

    private static Path touch(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[] {1});
    }
}
