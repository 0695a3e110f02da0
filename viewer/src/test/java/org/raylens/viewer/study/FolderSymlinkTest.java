package org.raylens.viewer.study;

import org.raylens.core.progress.CancellationToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder index's symbolic-link policy, on real links: followed inside the root and for a symlinked root;
 * refused and reported when they leave the root (their targets are never read); dangling links and loops reported.
 */
class FolderSymlinkTest {
    @TempDir
    Path temp;
    private Path root;
    private Path outside;

    @BeforeEach
    void tree() throws Exception {
        root = Files.createDirectories(temp.resolve("studies"));
        outside = Files.createDirectories(temp.resolve("elsewhere"));
        StudyFiles.write(root.resolve("a/1.dcm"), "P1", "1.1", "1.1.1", 1, "1.1.1.1", 1);
        StudyFiles.write(outside.resolve("secret.dcm"), "P9", "9.1", "9.1.1", 1, "9.1.1.1", 1);
        StudyFiles.write(outside.resolve("d/other.dcm"), "P9", "9.1", "9.1.1", 1, "9.1.1.2", 2);
        try {
            Files.createSymbolicLink(root.resolve("inside-file.dcm"), root.resolve("a/1.dcm"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links cannot be made here: " + e);
        }
        StudyFiles.write(root.resolve("b/2.dcm"), "P1", "1.1", "1.1.1", 1, "1.1.1.2", 2);
        Files.createSymbolicLink(root.resolve("a/to-b"), Path.of("../b"));
        Files.createSymbolicLink(root.resolve("out-file.dcm"), outside.resolve("secret.dcm"));
        Files.createSymbolicLink(root.resolve("out-dir"), outside.resolve("d"));
        Files.createSymbolicLink(root.resolve("passwd"), Path.of("/etc/passwd"));
        Files.createSymbolicLink(root.resolve("dangling.dcm"), root.resolve("gone.dcm"));
        Files.createSymbolicLink(root.resolve("b/loop"), Path.of(".."));
    }

    private Map<String, String> problems(List<SkippedFile> skipped, Path base) {
        return skipped.stream().collect(Collectors.toMap(s -> base.relativize(s.path()).toString(),
                SkippedFile::reason, (x, y) -> x + " | " + y));
    }

    @Test
    void linksInsideAreFollowedAndThoseLeavingAreReportedNotRead() throws Exception {
        FolderListing.Result listing = FolderListing.list(root, CancellationToken.NONE);
        List<String> files = listing.files().stream().map(p -> root.relativize(p).toString()).toList();
        // a/to-b/2.dcm and b/2.dcm are one file: listed once, the path first in order wins.
        assertEquals(List.of("a/1.dcm", "a/to-b/2.dcm"), files);
        Map<String, String> problems = problems(listing.problems(), root);
        assertTrue(problems.get("out-file.dcm").contains("outside the folder"), problems.toString());
        assertTrue(problems.get("out-dir").contains("outside the folder"), problems.toString());
        assertTrue(problems.get("passwd").contains("/etc/passwd") && problems.get("passwd").contains("not read"),
                problems.toString());
        assertTrue(problems.get("dangling.dcm").contains("dangling"), problems.toString());
        assertTrue(problems.get("inside-file.dcm").contains("same file as"), problems.toString());
        assertTrue(problems.get("b/2.dcm").contains("same file as"), problems.toString());
        assertTrue(problems.keySet().stream().anyMatch(k -> k.endsWith("loop")), problems.toString());
    }

    @Test
    void theIndexNeitherReadsNorIndexesFilesOutsideAndReportsEachRefusedLink() throws Exception {
        StudyIndex index = new FolderScanner(2).scan(root);
        assertEquals(2, index.instanceCount(), index.toText());
        assertTrue(index.findInstance("9.1.1.1").isEmpty(), "a linked file outside the folder was indexed");
        assertTrue(index.findInstance("9.1.1.2").isEmpty(), "a linked folder outside the folder was indexed");
        Map<String, String> skipped = problems(index.skipped(), root);
        assertTrue(skipped.get("passwd").contains("outside the folder"), "passwd must be refused, not read as a"
                + " non-DICOM file: " + skipped);
        assertTrue(skipped.get("dangling.dcm").contains("dangling"), skipped.toString());
        assertTrue(index.toText().contains("outside the folder"), "the CLI text shows refused links");
    }

    @Test
    void aSymlinkedRootIsFollowed() throws Exception {
        Path linkedRoot = Files.createSymbolicLink(temp.resolve("linked-studies"), root);
        StudyIndex index = new FolderScanner(2).scan(linkedRoot);
        assertEquals(2, index.instanceCount(), index.toText());
        assertTrue(index.findInstance("1.1.1.1").orElseThrow().path().startsWith(linkedRoot),
                "paths are given as reached from the root the user chose");
    }
}
