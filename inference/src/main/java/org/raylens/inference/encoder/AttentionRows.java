package org.raylens.inference.encoder;

import java.util.Arrays;

/**
 * Some query rows of one layer's attention probabilities of one image, kept instead of the whole (heads, N, N):
 * what a CLS map or a clicked patch's map reads. Row {@code k} of head {@code h} is
 * {@code probabilities[(h·R + k)·N … (h·R + k + 1)·N)}, with R = {@code queries.length}; its values are copied from
 * the layer's own probabilities, so a map read from a row equals the map read from the full matrix bit for bit.
 *
 * @param queries       the kept query tokens, ascending (0 = CLS; patches from {@link TokenLayout#patchIndex})
 * @param probabilities (heads, R, N) float32
 */
public record AttentionRows(int heads, int tokens, int[] queries, float[] probabilities) {
    public AttentionRows {
        queries = queries.clone();
        for (int i = 1; i < queries.length; i++) {
            if (queries[i] <= queries[i - 1]) {
                throw new IllegalArgumentException("query rows must ascend: " + Arrays.toString(queries));
            }
        }
        if (probabilities.length != (long) heads * queries.length * tokens) {
            throw new IllegalArgumentException(probabilities.length + " floats for " + heads + " heads x "
                    + queries.length + " rows x " + tokens + " tokens");
        }
    }

    /** The position of {@code query} among the kept rows, or -1 when it was not kept. */
    public int indexOf(int query) {
        int i = Arrays.binarySearch(queries, query);
        return i < 0 ? -1 : i;
    }

    /** Cuts the kept rows out of a full (heads, N, N) buffer (for a family whose attention hands over whole heads). */
    public static AttentionRows of(float[] full, int heads, int tokens, int[] queries) {
        float[] out = new float[heads * queries.length * tokens];
        for (int h = 0; h < heads; h++) {
            for (int k = 0; k < queries.length; k++) {
                System.arraycopy(full, (h * tokens + queries[k]) * tokens, out, (h * queries.length + k) * tokens, tokens);
            }
        }
        return new AttentionRows(heads, tokens, queries, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttentionRows r && heads == r.heads && tokens == r.tokens
                && Arrays.equals(queries, r.queries) && Arrays.equals(probabilities, r.probabilities);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(queries) + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "AttentionRows[heads=" + heads + ", tokens=" + tokens + ", queries=" + Arrays.toString(queries) + "]";
    }
}
