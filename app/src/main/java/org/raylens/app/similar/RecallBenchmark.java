package org.raylens.app.similar;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The index's benchmark on synthetic data: {@code count} random unit vectors of {@code dim} values (seeded, so every
 * run sees the same set), an index of them, and {@code queries} further random unit vectors searched one after
 * another; recall@k is the share of the exact top k (brute force) that the index returns, averaged over the queries.
 * Random vectors in high dimension have no clusters, which makes them the hard case for a graph index.
 */
public final class RecallBenchmark {
    /** Stands in for a model's SHA-256: the benchmark's vectors come from no model. */
    static final String SYNTHETIC = "synthetic-random-unit-vectors";

    /** What one run measured at one search breadth (the build figures are shared by every breadth of a run). */
    public record Result(int count, int dim, int queries, int k, int searchBreadth, double recall, double p50Millis,
                         double p99Millis, double meanMillis, double buildSeconds, long indexBytes,
                         double exactMillisPerQuery, int exactThreads, double openSeconds, String plans) {}

    private RecallBenchmark() {}

    /** {@code n} random unit vectors of {@code dim} values (Gaussian directions, so uniform on the sphere). */
    public static float[][] unitVectors(int n, int dim, SplittableRandom random) {
        float[][] v = new float[n][dim];
        for (float[] row : v) {
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                row[j] = (float) gaussian(random);
                norm += (double) row[j] * row[j];
            }
            float inv = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < dim; j++) {
                row[j] *= inv;
            }
        }
        return v;
    }

    /**
     * {@code n} unit vectors drawn around the {@code centres} (one picked at random for each): a centre plus Gaussian
     * noise of length about {@code spread}, normalised. Clustered like a real encoder's embeddings of an archive.
     */
    public static float[][] around(float[][] centres, int n, double spread, SplittableRandom random) {
        int dim = centres[0].length;
        double sigma = spread / Math.sqrt(dim);
        float[][] v = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] c = centres[random.nextInt(centres.length)];
            float[] x = new float[dim];
            for (int j = 0; j < dim; j++) {
                x[j] = (float) (c[j] + sigma * gaussian(random));
            }
            v[i] = SimilarityIndex.unit(x);
        }
        return v;
    }

    private static double gaussian(SplittableRandom r) {
        // Box–Muller (SplittableRandom has no nextGaussian on Java 17)
        double u = 1.0 - r.nextDouble();
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }

    /**
     * Builds an index of the vectors in {@code folder} (graph settings from {@code hnsw}), then, for each search
     * breadth, times {@code queries.length} single queries one after another and compares each result with the exact
     * neighbours. Several breadths share one build, so a sweep costs one build.
     */
    public static List<Result> run(float[][] vectors, float[][] queries, int k, HnswSettings hnsw, int[] breadths,
                                   Path folder, int threads) throws IOException, InterruptedException {
        int dim = vectors[0].length;
        List<Embeddings.Row> rows = new ArrayList<>(vectors.length);
        for (int i = 0; i < vectors.length; i++) {
            rows.add(new Embeddings.Row(IndexedImage.ofPath(Integer.toString(i)), vectors[i]));
        }
        Embeddings embeddings = new Embeddings(null, new EmbeddingProvenance(SYNTHETIC, "none", dim), rows);
        long t0 = System.nanoTime();
        SimilarityIndex.build(embeddings, folder, hnsw, true, threads);
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        long bytes = SimilarityIndex.sizeOnDisk(folder);
        long e0 = System.nanoTime();
        int[][] exact = new ExactNeighbours(vectors).topK(queries, k, threads);
        double exactMillis = (System.nanoTime() - e0) / 1e6 / queries.length;
        List<Result> results = new ArrayList<>();
        long o0 = System.nanoTime();
        try (SimilarityIndex index = SimilarityIndex.open(folder)) {
            double openSeconds = (System.nanoTime() - o0) / 1e9;
            for (int breadth : breadths) {
                for (int w = 0; w < Math.min(50, queries.length); w++) { // warm the JIT before timing
                    index.search(queries[w], k, breadth);
                }
                double[] millis = new double[queries.length];
                double recallSum = 0;
                for (int q = 0; q < queries.length; q++) {
                    long s = System.nanoTime();
                    List<SimilarHit> hits = index.search(queries[q], k, breadth);
                    millis[q] = (System.nanoTime() - s) / 1e6;
                    recallSum += recall(exact[q], hits);
                }
                double[] sorted = millis.clone();
                Arrays.sort(sorted);
                results.add(new Result(vectors.length, dim, queries.length, k, breadth, recallSum / queries.length,
                        percentile(sorted, 50), percentile(sorted, 99), Arrays.stream(millis).average().orElse(0),
                        buildSeconds, bytes, exactMillis, threads, openSeconds, index.plans(breadth).toString()));
            }
        }
        return results;
    }

    /** The share of the exact neighbours among the hits (the benchmark's paths are row numbers). */
    static double recall(int[] exact, List<SimilarHit> hits) {
        Set<Integer> want = new HashSet<>();
        for (int id : exact) {
            want.add(id);
        }
        int found = 0;
        for (SimilarHit h : hits) {
            if (want.contains(Integer.parseInt(h.image().path()))) {
                found++;
            }
        }
        return (double) found / exact.length;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
