package org.raylens.viewer.study;

import org.raylens.core.progress.Progress;
import org.raylens.core.progress.CancellationToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.dicom.ConformanceData;

class FolderScannerTest {
    @TempDir
    Path dir;

    private void writeTree() throws Exception {
        StudyFiles.write(dir.resolve("a/1.dcm"), "P1", "1.1", "1.1.1", 2, "1.1.1.2", 2);
        StudyFiles.write(dir.resolve("a/2.dcm"), "P1", "1.1", "1.1.1", 2, "1.1.1.1", 1);
        StudyFiles.write(dir.resolve("a/b/3"), "P1", "1.1", "1.1.2", 1, "1.1.2.1", 1);
        StudyFiles.write(dir.resolve("c/4.dcm"), "P2", "2.1", "2.1.1", 1, "2.1.1.1", 1);
        StudyFiles.write(dir.resolve("c/copy.dcm"), "P2", "2.1", "2.1.1", 1, "2.1.1.1", 1);
        Files.writeString(dir.resolve("notes.txt"), "not DICOM");
        Files.write(dir.resolve("empty.dcm"), new byte[0]);
        byte[] whole = Files.readAllBytes(dir.resolve("a/1.dcm"));
        Files.write(dir.resolve("c/cut.dcm"), java.util.Arrays.copyOf(whole, 200));
    }

    @Test
    void indexesTheTreeAndListsWhatItSkipped() throws Exception {
        writeTree();
        List<long[]> calls = new ArrayList<>();
        StudyIndex index = new FolderScanner(3).scan(dir, (done, total, message) -> calls.add(new long[] {done, total}),
                CancellationToken.NONE);
        assertEquals(2, index.patients().size());
        assertEquals(2, index.studyCount());
        assertEquals(3, index.seriesCount());
        assertEquals(4, index.instanceCount());
        Patient p1 = index.patients().get(0);
        assertEquals("P1", p1.patientId());
        List<Series> series = p1.studies().get(0).series();
        assertEquals(List.of(1, 2), series.stream().map(Series::seriesNumber).toList());
        assertEquals(List.of(1, 2), series.get(1).instances().stream().map(Instance::instanceNumber).toList());
        Instance first = index.findInstance("1.1.1.1").orElseThrow();
        assertEquals(dir.resolve("a/2.dcm"), first.path());
        assertEquals(2, first.rows());
        assertEquals("MONOCHROME2", first.photometricInterpretation());

        Map<String, String> skipped = index.skipped().stream()
                .collect(Collectors.toMap(s -> dir.relativize(s.path()).toString(), SkippedFile::reason));
        assertEquals(4, skipped.size(), skipped.toString());
        assertTrue(skipped.get("notes.txt").contains("not a DICOM file"), skipped.toString());
        assertTrue(skipped.containsKey("empty.dcm"));
        assertTrue(skipped.get("c/cut.dcm").contains("byte"), skipped.toString());
        assertTrue(skipped.values().stream().anyMatch(r -> r.startsWith("duplicate SOP Instance UID 2.1.1.1")));
        // the kind, not the wording, tells noise, notes and problems apart
        Map<String, SkippedFile.Kind> kinds = index.skipped().stream()
                .collect(Collectors.toMap(s -> dir.relativize(s.path()).toString(), SkippedFile::kind));
        assertEquals(SkippedFile.Kind.NOT_DICOM, kinds.get("notes.txt"));
        assertEquals(SkippedFile.Kind.NOT_DICOM, kinds.get("empty.dcm"));
        assertEquals(SkippedFile.Kind.PROBLEM, kinds.get("c/cut.dcm"), skipped.toString());
        assertEquals(1, kinds.values().stream().filter(k -> k == SkippedFile.Kind.NOTE).count(), "the duplicate");

        long[] last = calls.get(calls.size() - 1);
        assertEquals(8, last[1]);
        assertEquals(8, last[0]);
        assertTrue(index.toText().contains("2 patients, 2 studies, 3 series, 4 instances, 4 skipped"));
        assertTrue(index.toJson().contains("\"sopInstanceUid\": \"1.1.1.1\""));
    }

    @Test
    void cancellationStopsTheScan() throws Exception {
        writeTree();
        CancellationToken.Source cancel = CancellationToken.newSource();
        cancel.cancel();
        assertThrows(CancellationException.class,
                () -> new FolderScanner(2).scan(dir, Progress.NONE, cancel));
        CancellationToken.Source midway = CancellationToken.newSource();
        assertThrows(CancellationException.class, () -> new FolderScanner(1).scan(dir, (done, total, message) -> {
            if (done == 2) {
                midway.cancel();
            }
        }, midway));
    }

    @Test
    void indexesTheConformanceFolderWithoutAborting() throws Exception {
        Path folder = ConformanceData.folder();
        StudyIndex index = new FolderScanner().scan(folder);
        int files;
        try (var walk = Files.walk(folder)) {
            files = (int) walk.filter(Files::isRegularFile).count();
        }
        assertEquals(files, index.instanceCount() + index.skipped().size(), "every file indexed or skipped");
        // Several sample files are re-encodings of one image and share its SOP Instance UID: indexed once.
        assertTrue(index.instanceCount() >= 55, "instances: " + index.instanceCount());
        index.skipped().forEach(s -> System.out.println("skipped " + folder.relativize(s.path()) + ": "
                + s.reason()));
        assertTrue(index.skipped().stream().anyMatch(s -> s.path().endsWith("DICOMDIR")
                && s.reason().contains("DICOMDIR")));
    }
}
