package org.raylens.app.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.SmallDicomStudy;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.study.DicomDirReader;
import org.raylens.viewer.study.FolderScanner;
import org.raylens.viewer.study.HeaderReader;

class FileStudyLoaderTest {

    @TempDir
    Path dir;

    /** Header reads, counted: each file's header is to be read once. */
    final AtomicInteger headerReads = new AtomicInteger();

    @Test
    void aFolderGroupsDicomByHeaderOtherFilesByFolderAndSkipsNonImages() throws Exception {
        Path study = Files.createDirectories(dir.resolve("CXR-2024"));
        Path dcm = SmallDicomStudy.write(Files.createDirectories(study.resolve("dicom")));
        notAnImage(study.resolve("series2/IM2"));
        notAnImage(study.resolve("series1/IM1.png"));
        notAnImage(study.resolve("top.png"));
        notAnImage(study.resolve("DICOMDIR"));
        notAnImage(study.resolve("notes.txt"));
        notAnImage(study.resolve(".hidden.dcm"));
        notAnImage(study.resolve(".cache/x.dcm"));

        LoadedStudy loaded = loader().load(List.of(study));

        assertEquals(List.of("small-pa.dcm", "IM1.png", "IM2", "top.png"),
                loaded.instances().stream().map(StudyInstance::instanceLabel).toList());
        StudyInstance d = loaded.instances().get(0);
        assertEquals(Optional.of(dcm.toAbsolutePath()), d.source().localFile());
        assertEquals("TEST SMALL (SMALL-1)", d.patientLabel());
        assertEquals("2024-01-02", d.studyLabel());
        assertEquals("DX", d.seriesLabel());
        assertEquals(List.of("series1", "series2", ""),
                loaded.instances().subList(1, 4).stream().map(StudyInstance::seriesLabel).toList());
        assertTrue(loaded.instances().subList(1, 4).stream().allMatch(i -> i.studyLabel().equals("CXR-2024")
                && i.patientLabel().isEmpty()));
        assertEquals(false, loaded.synthetic());
        assertTrue(loaded.problems().isEmpty(), loaded.problems().toString());
        assertEquals(4, headerReads.get(), "one header read per file looked at, none for skipped names");
    }

    @Test
    void aSymlinkedFolderIsListedAndLinksLeavingItAreReportedNotListed() throws Exception {
        Path study = Files.createDirectories(dir.resolve("real-study"));
        notAnImage(study.resolve("series1/IM1.png"));
        Path secret = notAnImage(dir.resolve("outside/secret.dcm"));
        Files.createSymbolicLink(study.resolve("series1/IM9.dcm"), secret);
        Path linked = Files.createSymbolicLink(dir.resolve("linked-study"), study);

        LoadedStudy loaded = loader().load(List.of(linked));

        assertEquals(List.of("IM1.png"), loaded.instances().stream().map(StudyInstance::instanceLabel).toList());
        assertEquals(List.of("series1"), loaded.instances().stream().map(StudyInstance::seriesLabel).toList());
        assertEquals(1, loaded.problems().size(), loaded.problems().toString());
        assertTrue(loaded.problems().get(0).contains("IM9.dcm") && loaded.problems().get(0).contains("outside"),
                loaded.problems().toString());
    }

    @Test
    void singleFilesListAsThemselvesInOrderDamagedAndMissingOnesAreReported() throws Exception {
        Path png = notAnImage(dir.resolve("b.png"));
        Path dcm = SmallDicomStudy.write(dir);
        Path cut = dir.resolve("cut.dcm");
        Files.write(cut, java.util.Arrays.copyOf(Files.readAllBytes(dcm), 300));
        LoadedStudy loaded = loader().load(List.of(png, dcm, cut, dir.resolve("missing.dcm")));
        assertEquals(List.of(Optional.of(png.toAbsolutePath()), Optional.of(dcm.toAbsolutePath())),
                loaded.instances().stream().map(i -> i.source().localFile()).toList());
        assertEquals(2, loaded.problems().size(), loaded.problems().toString());
        assertTrue(loaded.problems().stream().anyMatch(p -> p.startsWith(cut + ": ") && p.contains("byte 300")),
                loaded.problems().toString());
        assertTrue(loaded.problems().stream().anyMatch(p -> p.contains("missing.dcm: no such file")),
                loaded.problems().toString());
    }

    @Test
    void noInputsListTheSampleStudyMarkedSynthetic() throws Exception {
        Path pa = notAnImage(dir.resolve("sample/PA.png"));
        FileStudyLoader loader = new FileStudyLoader(new FolderScanner(2), new DicomDirReader(2),
                new FileSourceKind(), () -> List.of(pa));
        LoadedStudy loaded = loader.load(List.of());
        assertTrue(loaded.synthetic());
        assertEquals(List.of(Optional.of(pa)), loaded.instances().stream().map(i -> i.source().localFile()).toList());
        assertEquals(FileStudyLoader.SAMPLE_STUDY_LABEL, loaded.instances().get(0).studyLabel());
    }

    @Test
    void openDecodesThroughTheSourceAndNamesTheFileInEveryFailure() throws Exception {
        Path dcm = TinyDicom.write(dir.resolve("tiny.dcm"), "P1", "2.25.11", "2.25.12", "2.25.13");
        Path fake = notAnImage(dir.resolve("fake.png"));
        LoadedStudy loaded = loader().load(List.of(dcm, fake));
        assertEquals(30, loader().open(loaded.instances().get(0)).modalityValue(0, 1));

        StudyLoadException e = assertThrows(StudyLoadException.class, () -> loader().open(loaded.instances().get(1)));
        assertTrue(e.getMessage().startsWith(fake.toString()), e.getMessage());

        FileStudyLoader sampleFails = new FileStudyLoader(new FolderScanner(2), new DicomDirReader(2),
                new FileSourceKind(), () -> {
                    throw new IOException("disk full");
                });
        StudyLoadException s = assertThrows(StudyLoadException.class, () -> sampleFails.load(List.of()));
        assertTrue(s.getMessage().contains("disk full"), s.getMessage());
    }

    FileStudyLoader loader() {
        HeaderReader counting = file -> {
            headerReads.incrementAndGet();
            return DicomReader.readHeader(file);
        };
        return new FileStudyLoader(new FolderScanner(2, counting), new DicomDirReader(2, counting),
                new FileSourceKind(new ImageOpener(), counting), List::of);
    }

    /** A file that is neither DICOM nor a raster image, long enough that no reader mistakes it for a cut file. */
    static Path notAnImage(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "plain text that only looks like an image by its name. ".repeat(8));
    }
}
