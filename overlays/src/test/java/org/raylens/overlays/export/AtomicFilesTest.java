package org.raylens.overlays.export;

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
        ExportException e = assertThrows(ExportException.class, () -> AtomicFiles.write(target, false, out -> {
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
        assertThrows(ExportException.class, () -> AtomicFiles.write(target, true, out -> {
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
        assertThrows(ExportException.class,
                () -> AtomicFiles.write(target, false, out -> out.write("two".getBytes(StandardCharsets.UTF_8))));
        assertEquals("one", Files.readString(target));
        AtomicFiles.write(target, true, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    @Test
    void aMissingFolderIsATypedError() {
        Path target = dir.resolve("no/such/folder/x.pdf");
        assertThrows(ExportException.class, () -> AtomicFiles.write(target, false, out -> out.write(1)));
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void aFigureExportThatFailsWhileWritingLeavesNothing() throws Exception {
        // A PNG export whose figure's provenance makes the PNG writer fail is simulated by a content writer that
        // first encodes a real figure and then fails; the folder must stay empty.
        Path target = dir.resolve("figure.pdf");
        byte[] pdf;
        Path scratch = Files.createTempDirectory("raylens-atomic");
        try {
            Path real = scratch.resolve("real.pdf");
            FigureExporter.write(TestFigures.figure(false, false), real, new FigureExporter.Options(96, false));
            pdf = Files.readAllBytes(real);
            Files.delete(real);
        } finally {
            Files.deleteIfExists(scratch);
        }
        assertThrows(ExportException.class, () -> AtomicFiles.write(target, false, out -> {
            out.write(pdf, 0, pdf.length / 2);
            throw new IOException("connection to the network share lost (simulated)");
        }));
        assertEquals(List.of(), listing());
    }

    private List<Path> listing() throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
