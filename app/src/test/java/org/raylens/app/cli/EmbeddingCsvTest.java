package org.raylens.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.source.ImageSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingCsvTest {
    @TempDir
    Path tmp;

    private static List<String> prov(String path, String sha) {
        List<String> p = new ArrayList<>(List.of(path, sha, "w", "HF", "recipe, with \"quotes\"", "pre", "HF", "4", "4", "2"));
        return p;
    }

    @Test
    void quotesRoundTripAndValuesAreExact() throws IOException {
        Path f = tmp.resolve("e.csv");
        float[] e = {0.1f, -3.4028235e38f};
        try (EmbeddingCsv t = EmbeddingCsv.open(f, 2, "abc")) {
            assertEquals(0, t.append(prov("/data/a,b.png", "abc"), e));
        }
        List<String> cells = EmbeddingCsv.parse(Files.readAllLines(f).get(1));
        assertEquals("/data/a,b.png", cells.get(0));
        assertEquals("recipe, with \"quotes\"", cells.get(4));
        assertArrayEquals(e, EmbeddingCsv.readEmbeddings(f, 2).get(0));
    }

    /**
     * New tables name images by source URI; a table made before (first column "path") still resumes: its rows keep
     * their paths, a whole file is looked up and appended by path, a frame by its URI.
     */
    @Test
    void newTablesAreKeyedByUriAndPathKeyedTablesStillResume() throws IOException {
        FileSourceKind files = new FileSourceKind();
        Path image = Files.writeString(tmp.resolve("a.png"), "pixels are not read here");
        ImageSource source = files.file(image);
        Path fresh = tmp.resolve("new.csv");
        try (EmbeddingCsv t = EmbeddingCsv.open(fresh, 2, "abc")) {
            assertEquals(image.toUri().toASCIIString(), t.keyOf(source));
        }
        assertTrue(Files.readAllLines(fresh).get(0).startsWith("source,"));

        Path legacy = tmp.resolve("old.csv");
        String header = EmbeddingCsv.header(2).replaceFirst("^source,", "path,");
        Files.writeString(legacy, header + "\n" + image.toAbsolutePath() + ",abc,w,HF,r,p,HF,4,4,2,1.0,2.0\n");
        try (EmbeddingCsv t = EmbeddingCsv.open(legacy, 2, "abc")) {
            assertEquals(image.toAbsolutePath().toString(), t.keyOf(source));
            assertTrue(t.contains(t.keyOf(source)), "the finished row is found, not embedded again");
            assertEquals(image.toUri().toASCIIString() + "#frame=2",
                    t.keyOf(new org.raylens.viewer.source.ImageSourceRegistry(List.of(files)).open(
                            java.net.URI.create(image.toUri() + "#frame=2"))));
        } catch (org.raylens.viewer.source.ImageSourceException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void resumesDropsCutRowsAndRefusesOtherWeights() throws IOException {
        Path f = tmp.resolve("e.csv");
        try (EmbeddingCsv t = EmbeddingCsv.open(f, 2, "abc")) {
            t.append(prov("/a.png", "abc"), new float[]{1, 2});
        }
        Files.writeString(f, Files.readString(f) + "/b.png,abc,w,HF,r,p,HF,4,4,2,1.0", java.nio.file.StandardOpenOption.WRITE);
        try (EmbeddingCsv t = EmbeddingCsv.open(f, 2, "abc")) {
            assertTrue(t.contains("/a.png"));
            assertEquals(1, t.rows(), "the row cut short by an interruption is dropped and will be recomputed");
            t.append(prov("/b.png", "abc"), new float[]{3, 4});
        }
        assertEquals(3, Files.readAllLines(f).size());
        assertThrows(IOException.class, () -> EmbeddingCsv.open(f, 2, "other-sha"));
        assertThrows(IOException.class, () -> EmbeddingCsv.open(f, 3, "abc"));
    }

    @Test
    void aDamagedRowBeforeTheEndIsRefusedNotDropped() throws IOException {
        Path f = tmp.resolve("e.csv");
        try (EmbeddingCsv t = EmbeddingCsv.open(f, 2, "abc")) {
            t.append(prov("/a.png", "abc"), new float[]{1, 2});
            t.append(prov("/b.png", "abc"), new float[]{3, 4});
        }
        String text = Files.readString(f);
        Files.writeString(f, text.replace("1.0,2.0\n", "1.0,\n"));
        IOException e = assertThrows(IOException.class, () -> EmbeddingCsv.open(f, 2, "abc"));
        assertTrue(e.getMessage().contains("row 1 is damaged"), e.getMessage());
        assertEquals(text.replace("1.0,2.0\n", "1.0,\n"), Files.readString(f), "a refused table is left as it was");
    }

    @Test
    void resumingCutsOnlyTheIncompleteTail() throws IOException {
        Path f = tmp.resolve("e.csv");
        try (EmbeddingCsv t = EmbeddingCsv.open(f, 2, "abc")) {
            t.append(prov("/a.png", "abc"), new float[]{-0.24999171f, 2});
        }
        String finished = Files.readString(f);
        // a second row cut inside its last value: every column is there, but the value and the newline are not
        Files.writeString(f, finished + "/b.png,abc,w,HF,r,p,HF,4,4,2,1.0,-0.249");
        try (EmbeddingCsv t = EmbeddingCsv.open(f, 2, "abc")) {
            assertEquals(1, t.rows(), "the cut row is not kept");
            assertTrue(t.cutBytes() > 0);
            assertEquals(finished, Files.readString(f), "finished rows kept byte for byte, the tail cut off");
        }
    }
}
