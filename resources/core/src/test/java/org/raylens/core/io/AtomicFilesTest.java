package org.raylens.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFailureHalfWayLeavesNoFileAndNoTemporary() throws Exception {
        Path target = dir.resolve("figure.png");
        AtomicWriteException e = assertThrows(AtomicWriteException.class, () -> AtomicFiles.write(target, false, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full (simulated)");
        }));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals(target.toAbsolutePath(), e.target());
        assertEquals(List.of(), listing());
    }

    @Test
    void aFailureWhenReplacingKeepsTheOldFile() throws Exception {
        Path target = dir.resolve("scores.csv");
        Files.writeString(target, "old");
        assertThrows(AtomicWriteException.class, () -> AtomicFiles.write(target, true, out -> {
            out.write("new, half".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("renderer bug (simulated)");
        }));
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void writesAndReplacesWhenAsked() throws Exception {
        Path target = dir.resolve("a.svg");
        AtomicFiles.write(target, false, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        assertEquals("one", Files.readString(target));
        assertThrows(AtomicWriteException.class,
                () -> AtomicFiles.write(target, false, out -> out.write("two".getBytes(StandardCharsets.UTF_8))));
        assertEquals("one", Files.readString(target));
        AtomicFiles.write(target, true, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void aMissingFolderIsATypedError() {
        Path target = dir.resolve("no/such/folder/x.pdf");
        assertThrows(AtomicWriteException.class, () -> AtomicFiles.write(target, false, out -> out.write(1)));
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void aFolderIsReplacedWholeOrNotAtAll() throws Exception {
        Path target = dir.resolve("adapter");
        AtomicFolder.write(target, false, staging -> AtomicFiles.writeString(staging.resolve("a.json"), "old"));
        assertThrows(AtomicWriteException.class, () -> AtomicFolder.write(target, true, staging -> {
            AtomicFiles.writeString(staging.resolve("a.json"), "new");
            throw new IOException("training diverged (simulated)");
        }));
        assertEquals("old", Files.readString(target.resolve("a.json")));
        assertEquals(List.of(target), listing());
        assertThrows(AtomicWriteException.class, () -> AtomicFolder.write(target, false, staging -> { }));
        AtomicFolder.write(target, true, staging -> AtomicFiles.writeString(staging.resolve("b.json"), "new"));
        assertFalse(Files.exists(target.resolve("a.json")));
        assertEquals("new", Files.readString(target.resolve("b.json")));
        assertEquals(List.of(target), listing());
    }

    @Test
    void anUnforcedWriteIsStillAWholeReplacement() throws Exception {
        Path target = dir.resolve("preferences.json");
        AtomicFiles.writeStringUnforced(target, "{\"a\": 1}");
        AtomicFiles.writeStringUnforced(target, "{\"a\": 2}");
        assertEquals("{\"a\": 2}", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    private List<Path> listing() throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
