package org.raylens.app.similar;

import java.util.Arrays;

/**
 * The k highest-scoring of a stream of ids, best first: a k-slot insertion list, which beats a heap for the small k
 * of a similar-image query. Ties keep the id offered first.
 */
final class BestK {
    private final int[] ids;
    private final float[] scores;
    private int size;

    BestK(int k) {
        ids = new int[Math.max(0, k)];
        scores = new float[ids.length];
        Arrays.fill(scores, Float.NEGATIVE_INFINITY);
    }

    void offer(int id, float score) {
        int n = ids.length;
        if (n == 0 || !(score > scores[n - 1])) {
            return;
        }
        int j = n - 1;
        while (j > 0 && scores[j - 1] < score) {
            scores[j] = scores[j - 1];
            ids[j] = ids[j - 1];
            j--;
        }
        scores[j] = score;
        ids[j] = id;
        size = Math.min(n, size + 1);
    }

    /** How many ids were kept: k, or fewer when fewer were offered. */
    int size() {
        return size;
    }

    int id(int rank) {
        return ids[rank];
    }

    float score(int rank) {
        return scores[rank];
    }
}
