package org.raylens.app.similar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.io.AtomicWriteException;

/**
 * The index on hand-made vectors whose neighbours are known exactly: vectors at known angles in one plane, plus
 * orthogonal ones; the provenance checks; a damaged folder; and a build that fails half-way.
 */
class SimilarityIndexTest {
    static final String SHA = "a".repeat(64);
    static final EmbeddingProvenance PROVENANCE = new EmbeddingProvenance(SHA, "minmax", 4);
    /** Angles to the query direction e0, in degrees, deliberately not in order. */
    private static final int[] ANGLES = {90, 10, 180, 45, 0, 120, 30, 60};

    @TempDir
    Path tmp;

    /** A vector of length {@code length} at {@code degrees} from e0 in the e0-e1 plane. */
    private static float[] atAngle(int degrees, float length) {
        double r = Math.toRadians(degrees);
        return new float[]{(float) (length * Math.cos(r)), (float) (length * Math.sin(r)), 0, 0};
    }

    static Embeddings angled() {
        List<Embeddings.Row> rows = new ArrayList<>();
        for (int i = 0; i < ANGLES.length; i++) {
            // lengths differ: cosine must ignore them (a dot product would rank the long ones first)
            rows.add(new Embeddings.Row(new IndexedImage("img" + ANGLES[i] + ".dcm", "1.2.study", "1.2.series." + i,
                    "1.2.sop." + ANGLES[i]), atAngle(ANGLES[i], 1 + i)));
        }
        rows.add(new Embeddings.Row(IndexedImage.ofPath("e2.png"), new float[]{0, 0, 3, 0}));
        rows.add(new Embeddings.Row(IndexedImage.ofPath("e3.png"), new float[]{0, 0, 0, 0.5f}));
        return new Embeddings(null, PROVENANCE, rows);
    }

    @Test
    void returnsTheExactNeighboursInOrderOfAngleWithTheirCosine() throws IOException {
        Path folder = tmp.resolve("emb.similar");
        IndexManifest m = SimilarityIndex.build(angled(), folder, HnswSettings.DEFAULT, false, 1);
        assertEquals(10, m.count());
        assertEquals(4, m.dimension());
        assertEquals(SHA, m.weightsSha256());
        assertEquals("minmax", m.recipe());
        assertEquals(org.apache.lucene.util.Version.LATEST.toString(), m.luceneVersion());
        try (SimilarityIndex index = SimilarityIndex.open(folder)) {
            List<SimilarHit> hits = index.query(new float[]{2, 0, 0, 0}, PROVENANCE, 6);
            int[] expected = {0, 10, 30, 45, 60, 90};
            assertEquals(6, hits.size());
            for (int i = 0; i < expected.length; i++) {
                SimilarHit h = hits.get(i);
                assertEquals(i + 1, h.rank());
                assertEquals(Math.cos(Math.toRadians(expected[i])), h.similarity(), 1e-5, "hit " + i);
            }
            assertEquals("img0.dcm", hits.get(0).image().path());
            assertEquals("1.2.study", hits.get(0).image().studyUid());
            assertEquals("1.2.series.4", hits.get(0).image().seriesUid());
            assertEquals("1.2.sop.0", hits.get(0).image().sopUid());
            assertEquals("img90.dcm", hits.get(5).image().path(), "90° ties with e2/e3 at cosine 0 but is listed");

            // the opposite direction: 180° first, with cosine 1
            List<SimilarHit> back = index.query(new float[]{-1, 0, 0, 0}, PROVENANCE, 2);
            assertEquals("img180.dcm", back.get(0).image().path());
            assertEquals(1.0, back.get(0).similarity(), 1e-5);
            assertEquals("img120.dcm", back.get(1).image().path());

            // an orthogonal axis finds its own vector
            assertEquals("e3.png", index.query(new float[]{0, 0, 0, 7}, PROVENANCE, 1).get(0).image().path());
        }
    }

    @Test
    void aQueryFromAnotherModelRecipeOrDimensionIsATypedError() throws IOException {
        Path folder = tmp.resolve("idx");
        SimilarityIndex.build(angled(), folder, HnswSettings.DEFAULT, false, 1);
        try (SimilarityIndex index = SimilarityIndex.open(folder)) {
            float[] q = {1, 0, 0, 0};
            var model = assertThrows(SimilarIndexException.ModelMismatch.class,
                    () -> index.query(q, new EmbeddingProvenance("b".repeat(64), "minmax", 4), 3));
            assertTrue(model.getMessage().contains(SHA) && model.getMessage().contains("b".repeat(64)),
                    model.getMessage());
            assertThrows(SimilarIndexException.RecipeMismatch.class,
                    () -> index.query(q, new EmbeddingProvenance(SHA, "as-displayed", 4), 3));
            var dim = assertThrows(SimilarIndexException.DimensionMismatch.class,
                    () -> index.query(new float[]{1, 0, 0}, new EmbeddingProvenance(SHA, "minmax", 3), 3));
            assertTrue(dim.getMessage().contains("4-dimensional") && dim.getMessage().contains("3 values"),
                    dim.getMessage());
            // a vector that claims the right provenance but has the wrong length is refused too
            assertThrows(SimilarIndexException.DimensionMismatch.class,
                    () -> index.query(new float[]{1, 0, 0, 0, 0}, PROVENANCE, 3));
        }
    }

    @Test
    void aDamagedIndexFolderIsATypedError() throws IOException {
        assertThrows(SimilarIndexException.CorruptIndex.class, () -> SimilarityIndex.open(tmp.resolve("absent")));

        Path noManifest = tmp.resolve("a");
        SimilarityIndex.build(angled(), noManifest, HnswSettings.DEFAULT, false, 1);
        Files.delete(noManifest.resolve(IndexManifest.FILE));
        assertThrows(SimilarIndexException.CorruptIndex.class, () -> SimilarityIndex.open(noManifest));

        Path badJson = tmp.resolve("b");
        SimilarityIndex.build(angled(), badJson, HnswSettings.DEFAULT, false, 1);
        Files.writeString(badJson.resolve(IndexManifest.FILE), "{ not json");
        assertThrows(SimilarIndexException.CorruptIndex.class, () -> SimilarityIndex.open(badJson));

        Path wrongCount = tmp.resolve("c");
        SimilarityIndex.build(angled(), wrongCount, HnswSettings.DEFAULT, false, 1);
        Path mf = wrongCount.resolve(IndexManifest.FILE);
        Files.writeString(mf, Files.readString(mf).replace("\"count\": 10", "\"count\": 11"));
        var count = assertThrows(SimilarIndexException.CorruptIndex.class, () -> SimilarityIndex.open(wrongCount));
        assertTrue(count.getMessage().contains("11"), count.getMessage());

        Path truncated = tmp.resolve("d");
        SimilarityIndex.build(angled(), truncated, HnswSettings.DEFAULT, false, 1);
        try (Stream<Path> files = Files.list(truncated.resolve(SimilarityIndex.LUCENE_FOLDER))) {
            for (Path f : files.toList()) {
                byte[] b = Files.readAllBytes(f);
                Files.write(f, java.util.Arrays.copyOf(b, b.length / 2)); // every Lucene file cut in half
            }
        }
        assertThrows(SimilarIndexException.CorruptIndex.class, () -> SimilarityIndex.open(truncated));

        Path noLucene = tmp.resolve("e");
        SimilarityIndex.build(angled(), noLucene, HnswSettings.DEFAULT, false, 1);
        try (Stream<Path> files = Files.list(noLucene.resolve(SimilarityIndex.LUCENE_FOLDER))) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        assertThrows(SimilarIndexException.CorruptIndex.class, () -> SimilarityIndex.open(noLucene));
    }

    /** Rows that fail at {@code failAt}, as a read error half-way through a large table would. */
    private static List<Embeddings.Row> failingAt(List<Embeddings.Row> rows, int failAt) {
        return new AbstractList<>() {
            @Override
            public Embeddings.Row get(int i) {
                if (i == failAt) {
                    throw new IllegalStateException("simulated failure at row " + i);
                }
                return rows.get(i);
            }

            @Override
            public int size() {
                return rows.size();
            }
        };
    }

    @Test
    void aBuildThatFailsHalfWayLeavesNoIndexAndKeepsTheOldOne() throws IOException {
        Embeddings good = angled();
        Embeddings failing = new Embeddings(null, PROVENANCE, failingAt(good.rows(), 5));
        Path fresh = tmp.resolve("fresh.similar");
        assertThrows(AtomicWriteException.class,
                () -> SimilarityIndex.build(failing, fresh, HnswSettings.DEFAULT, false, 1));
        assertFalse(Files.exists(fresh), "no index under the name");
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "no staging folder left behind either");
        }

        Path existing = tmp.resolve("existing.similar");
        SimilarityIndex.build(good, existing, HnswSettings.DEFAULT, false, 1);
        assertThrows(AtomicWriteException.class,
                () -> SimilarityIndex.build(failing, existing, HnswSettings.DEFAULT, true, 1));
        try (SimilarityIndex index = SimilarityIndex.open(existing)) {
            assertEquals(10, index.manifest().count(), "the old index is whole and still answers");
            assertEquals("img0.dcm", index.query(new float[]{1, 0, 0, 0}, PROVENANCE, 1).get(0).image().path());
        }
        // and an existing index is never replaced unless asked
        assertThrows(AtomicWriteException.class,
                () -> SimilarityIndex.build(good, existing, HnswSettings.DEFAULT, false, 1));
    }

    @Test
    void recallAtTenOnFiveThousandRandomVectorsIsAtLeastNinetyFivePercent() throws Exception {
        // not timed: the benchmark measures speed; this guards that the defaults keep finding the true neighbours
        var random = new java.util.SplittableRandom(7);
        float[][] vectors = RecallBenchmark.unitVectors(5000, 64, random);
        float[][] queries = RecallBenchmark.unitVectors(200, 64, random);
        List<RecallBenchmark.Result> r = RecallBenchmark.run(vectors, queries, 10, HnswSettings.DEFAULT,
                new int[]{HnswSettings.DEFAULT.searchBreadth()}, tmp.resolve("recall"), 2);
        assertTrue(r.get(0).recall() >= 0.95, "recall@10 " + r.get(0).recall());
    }

    @Test
    void aLargeIndexIsOneGraphPerThreadInRowOrderSearchedSideBySideAndBuiltTheSameEachTime() throws Exception {
        int n = 2 * SimilarityIndex.MIN_ROWS_PER_GRAPH + 7;
        float[][] vectors = RecallBenchmark.unitVectors(n, 8, new java.util.SplittableRandom(11));
        List<Embeddings.Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new Embeddings.Row(IndexedImage.ofPath(Integer.toString(i)), vectors[i]));
        }
        Embeddings e = new Embeddings(null, new EmbeddingProvenance(SHA, "minmax", 8), rows);
        assertEquals(1, SimilarityIndex.graphCount(n, 1));
        assertEquals(2, SimilarityIndex.graphCount(n, 2));
        assertEquals(2, SimilarityIndex.graphCount(n, 16), "no graph under MIN_ROWS_PER_GRAPH images");
        Path a = tmp.resolve("a.similar");
        Path b = tmp.resolve("b.similar");
        HnswSettings sparse = new HnswSettings(16, 100, 100); // 8-d vectors need no dense graph; the test stays quick
        SimilarityIndex.build(e, a, sparse, false, 2);
        SimilarityIndex.build(e, b, sparse, false, 2);
        try (Stream<Path> s = Files.list(a)) {
            assertEquals(List.of("lucene", IndexManifest.FILE), s.map(p -> p.getFileName().toString()).sorted()
                    .toList(), "the graphs' scratch folders are gone");
        }
        float[][] queries = RecallBenchmark.unitVectors(40, 8, new java.util.SplittableRandom(12));
        int[][] exact = new ExactNeighbours(vectors).topK(queries, 10, 1);
        try (SimilarityIndex ia = SimilarityIndex.open(a); SimilarityIndex ib = SimilarityIndex.open(b);
             var reader = org.apache.lucene.index.DirectoryReader.open(
                     org.apache.lucene.store.FSDirectory.open(a.resolve("lucene")))) {
            assertEquals(2, reader.leaves().size(), "two graphs");
            var stored = reader.storedFields();
            for (int doc : new int[]{0, n / 2 - 1, n / 2, n - 1}) {
                assertEquals(Integer.toString(doc), stored.document(doc).get("path"), "documents in row order");
            }
            double recall = 0;
            for (int q = 0; q < queries.length; q++) {
                List<SimilarHit> ha = ia.search(queries[q], 10, 100);
                assertEquals(ha, ib.search(queries[q], 10, 100), "the same rows give the same index");
                recall += RecallBenchmark.recall(exact[q], ha);
            }
            assertTrue(recall / queries.length >= 0.99, "recall@10 over both graphs: " + recall / queries.length);
            assertEquals(Integer.toString(n - 1), ia.search(vectors[n - 1], 1, 10).get(0).image().path(),
                    "an image of the second graph finds itself");
        }
    }

    @Test
    void candidatesComeFromTheGraphWhereItVisitsLittleAndFromAScanWhereItWouldVisitMost() throws Exception {
        HnswSettings quick = new HnswSettings(16, 100, 100);
        var random = new java.util.SplittableRandom(21);
        // embeddings of an archive cluster: a narrow search visits a small part of the graph
        float[][] centres = RecallBenchmark.unitVectors(100, 256, random);
        float[][] clustered = RecallBenchmark.around(centres, 4000, 0.5, random);
        float[][] near = RecallBenchmark.around(centres, 50, 0.5, random);
        RecallBenchmark.Result graph = RecallBenchmark.run(clustered, near, 10, quick, new int[]{40},
                tmp.resolve("clustered"), 1).get(0);
        assertTrue(graph.plans().startsWith("[graph (a graph search scores"), graph.plans());
        assertTrue(graph.recall() >= 0.95, "clustered recall@10 " + graph.recall());
        // random directions have no structure: a search broad enough for recall visits most of the graph
        float[][] uniform = RecallBenchmark.unitVectors(4000, 256, random);
        float[][] anywhere = RecallBenchmark.unitVectors(50, 256, random);
        RecallBenchmark.Result scan = RecallBenchmark.run(uniform, anywhere, 10, quick, new int[]{400},
                tmp.resolve("uniform"), 1).get(0);
        assertTrue(scan.plans().startsWith("[scan (a graph search scores"), scan.plans());
        assertTrue(scan.recall() >= 0.95, "uniform recall@10 " + scan.recall());
    }
}
