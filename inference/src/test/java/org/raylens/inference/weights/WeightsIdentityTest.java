package org.raylens.inference.weights;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WeightsIdentityTest {
    @TempDir
    Path tmp;

    @Test
    void hashesAndCachesByPathSizeAndMtime() throws IOException {
        Path f = tmp.resolve("w.bin");
        Files.writeString(f, "abc");
        Path cache = tmp.resolve("cache/sha.properties");
        WeightsIdentity id = new WeightsIdentity(cache);
        // SHA-256("abc"), FIPS 180-2 test vector
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertEquals(abc, id.sha256(f));
        assertTrue(Files.isRegularFile(cache));
        // a fresh instance answers from the persisted cache (the same digest)
        assertEquals(abc, new WeightsIdentity(cache).sha256(f));
        // a changed file is hashed anew
        Files.writeString(f, "abcd");
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5000));
        assertNotEquals(abc, id.sha256(f));
        assertEquals(WeightsIdentity.hash(f), new WeightsIdentity(cache).sha256(f));
    }

    @Test
    void aCorruptCacheOnlyCostsARehash() throws IOException {
        Path f = tmp.resolve("w.bin");
        Files.writeString(f, "abc");
        Path cache = tmp.resolve("sha.properties");
        Files.write(cache, new byte[]{'\\', 'u', 'z'});
        assertEquals(WeightsIdentity.hash(f), new WeightsIdentity(cache).sha256(f));
    }
}
