package org.raylens.app.similar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.SplittableRandom;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

class BinaryCodesTest {
    private static final String FIELD = "v";

    @Test
    void theRotationKeepsLengthsAndDotProductsAndIsTheSameEachTime() {
        SplittableRandom random = new SplittableRandom(1);
        float[][] v = RecallBenchmark.unitVectors(2, 768, random);
        RandomRotation r = new RandomRotation(768);
        assertEquals(768, r.size(), "768 is a multiple of 64: no padding");
        float[] a = r.apply(v[0]);
        float[] b = r.apply(v[1]);
        assertEquals(1.0, dot(a, a), 1e-5);
        assertEquals(dot(v[0], v[1]), dot(a, b), 1e-5);
        assertArrayEquals(a, new RandomRotation(768).apply(v[0]));
        assertEquals(192, new RandomRotation(130).size(), "padded to whole longs");
    }

    @Test
    void estimatesFollowTheExactDotProductsOfRandomVectors() throws IOException {
        SplittableRandom random = new SplittableRandom(2);
        float[][] v = RecallBenchmark.unitVectors(3000, 768, random);
        float[][] q = RecallBenchmark.unitVectors(5, 768, random);
        // random directions are the hard case: the dot products themselves are tiny (standard deviation 0.036)
        assertAgreement(v, q, 0.75, 0.03);
    }

    @Test
    void estimatesFollowTheExactDotProductsOfEmbeddingLikeVectors() throws IOException {
        // a real encoder's embeddings share a large mean and put most of their variance in few directions
        SplittableRandom random = new SplittableRandom(3);
        float[][] v = new float[3000][];
        float[][] q = new float[5][];
        float[] mean = RecallBenchmark.unitVectors(1, 768, random)[0];
        for (float[][] set : new float[][][]{v, q}) {
            for (int i = 0; i < set.length; i++) {
                float[] x = new float[768];
                for (int j = 0; j < 768; j++) {
                    double spread = j < 16 ? 0.5 : 0.02;
                    x[j] = (float) (3 * mean[j] * 768 / 28.0 + spread * gaussian(random));
                }
                set[i] = SimilarityIndex.unit(x);
            }
        }
        assertAgreement(v, q, 0.9, 0.03);
    }

    @Test
    void ordinalsMapToTheirDocumentsWhenSomeDocumentsHaveNoVector() throws IOException {
        float[][] v = RecallBenchmark.unitVectors(300, 256, new SplittableRandom(4));
        try (Directory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
                for (int i = 0; i < v.length; i++) {
                    Document d = new Document();
                    d.add(new StoredField("row", i));
                    if (i % 3 != 0) {
                        d.add(new KnnFloatVectorField(FIELD, v[i], VectorSimilarityFunction.DOT_PRODUCT));
                    }
                    w.addDocument(d);
                }
                w.forceMerge(1);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                LeafReaderContext leaf = reader.leaves().get(0);
                BinaryCodes codes = BinaryCodes.of(leaf.reader(), FIELD);
                assertEquals(200, codes.size());
                assertEquals(1, codes.ordToDoc(0));
                assertEquals(299, codes.ordToDoc(199));
                GraphSearch.Hit[] hits = GraphSearch.of(leaf, FIELD).search(v[299], 3, 50);
                assertEquals(299, hits[0].doc(), "a vector finds its own document");
                assertEquals(1.0, hits[0].similarity(), 1e-5, "with its exact similarity");
            }
        }
    }

    /**
     * The estimates of every vector against each query correlate with the exact dot products by at least
     * {@code minCorrelation} and miss them by at most {@code maxMeanError} on average.
     */
    private static void assertAgreement(float[][] v, float[][] queries, double minCorrelation, double maxMeanError)
            throws IOException {
        try (Directory dir = new ByteBuffersDirectory()) {
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
                for (float[] x : v) {
                    Document d = new Document();
                    d.add(new KnnFloatVectorField(FIELD, x, VectorSimilarityFunction.DOT_PRODUCT));
                    w.addDocument(d);
                }
                w.forceMerge(1);
            }
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                LeafReader leaf = reader.leaves().get(0).reader();
                BinaryCodes codes = BinaryCodes.of(leaf, FIELD);
                for (float[] q : queries) {
                    org.apache.lucene.util.hnsw.RandomVectorScorer estimator = codes.estimator(q);
                    double[] exact = new double[v.length];
                    double[] estimate = new double[v.length];
                    double error = 0;
                    for (int i = 0; i < v.length; i++) {
                        exact[i] = dot(q, v[i]);
                        estimate[i] = estimator.score(i);
                        error += Math.abs(exact[i] - estimate[i]);
                    }
                    double r = correlation(exact, estimate);
                    assertTrue(r >= minCorrelation, "correlation " + r);
                    assertTrue(error / v.length <= maxMeanError, "mean error " + error / v.length);
                }
            }
        }
    }

    private static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1.0 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
