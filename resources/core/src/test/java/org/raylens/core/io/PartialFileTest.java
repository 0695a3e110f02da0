package org.raylens.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialFileTest {
    @TempDir
    Path dir;

    @Test
    void appendsAcrossSessionsAndAppearsOnlyOnCommit() throws IOException {
        Path target = dir.resolve("blob");
        Path part = dir.resolve("blob.incomplete");
        try (PartialFile first = PartialFile.open(part, target)) {
            first.append(ByteBuffer.wrap("hello ".getBytes(StandardCharsets.US_ASCII)));
        }
        assertFalse(Files.exists(target), "nothing under the final name before commit");
        try (PartialFile second = PartialFile.open(part, target)) {
            assertEquals(6, second.length(), "a new session goes on at the end");
            second.append(ByteBuffer.wrap("world".getBytes(StandardCharsets.US_ASCII)));
            second.commit();
        }
        assertEquals("hello world", Files.readString(target));
        assertFalse(Files.exists(part));
    }

    @Test
    void discardDeletesAndTruncateRestarts() throws IOException {
        Path target = dir.resolve("blob");
        Path part = dir.resolve("blob.incomplete");
        try (PartialFile file = PartialFile.open(part, target)) {
            file.append(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            file.truncate();
            file.append(ByteBuffer.wrap(new byte[] {9}));
            assertEquals(1, file.length());
            file.discard();
        }
        assertFalse(Files.exists(part));
        assertFalse(Files.exists(target));
    }

    @Test
    void secondWriterOfTheSamePartIsRefused() throws IOException {
        Path target = dir.resolve("blob");
        Path part = dir.resolve("blob.incomplete");
        try (PartialFile first = PartialFile.open(part, target)) {
            assertThrows(AtomicWriteException.class, () -> PartialFile.open(part, target));
        }
        assertThrows(AtomicWriteException.class, () -> PartialFile.open(dir.resolve("sub/x"), target));
    }

    @Test
    void atomicSymlinkReplacesALink() throws IOException {
        Files.writeString(dir.resolve("a"), "a");
        Files.writeString(dir.resolve("b"), "b");
        Path link = dir.resolve("link");
        AtomicSymlinks.replace(link, Path.of("a"));
        AtomicSymlinks.replace(link, Path.of("b"));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(Path.of("b"), Files.readSymbolicLink(link));
        assertArrayEquals("b".getBytes(), Files.readAllBytes(link));
        try (var entries = Files.list(dir)) {
            assertEquals(3, entries.count(), "no temporary link left");
        }
    }
}
