package org.raylens.app.similar;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exact nearest neighbours by brute force over unit vectors (cosine = dot product): the reference the HNSW index's
 * recall is measured against. Plain Java, queries split over threads.
 */
public final class ExactNeighbours {
    private final float[][] vectors;

    /** @param vectors unit vectors (the caller normalises) */
    public ExactNeighbours(float[][] vectors) {
        this.vectors = vectors;
    }

    /** The row numbers of the {@code k} rows of highest dot product with each query, best first. */
    public int[][] topK(float[][] queries, int k, int threads) throws InterruptedException {
        int[][] out = new int[queries.length][];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads),
                DaemonThreads.named("raylens-exact-neighbours"));
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int q = 0; q < queries.length; q++) {
                int qi = q;
                parts.add(pool.submit(() -> {
                    out[qi] = topK(queries[qi], k);
                }));
            }
            for (Future<?> f : parts) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("brute-force search failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** One query's best k rows, best first. */
    int[] topK(float[] query, int k) {
        BestK best = new BestK(Math.min(k, vectors.length));
        for (int i = 0; i < vectors.length; i++) {
            best.offer(i, dot(query, vectors[i]));
        }
        int[] ids = new int[best.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = best.id(i);
        }
        return ids;
    }

    static float dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) { // four sums: the JIT pipelines them
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return s0 + s1 + s2 + s3;
    }
}
