package org.raylens.inference.encoder;

import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one traced forward must keep, in the encoder's own terms (the explain package translates its needs into it).
 *
 * @param interpolation  how position embeddings are resized for a non-native input
 * @param keepAttentions layers whose raw (1, heads, N, N) probabilities go into the output
 * @param observer       told every block's attention as it finishes, when present
 * @param gradientTail   keep what a {@link GradientTail} needs to take gradients after the pass
 * @param rowLayers      layers of which only the query rows {@code rows} are kept ({@link EncoderOutput#attentionRows});
 *                       a layer also in {@code keepAttentions} keeps its full matrix as well
 * @param rows           the query tokens kept of each row layer (0 = CLS), ascending
 */
public record TraceRequest(PositionEmbeddingInterpolation interpolation, Set<Integer> keepAttentions,
                           Optional<AttentionObserver> observer, boolean gradientTail, Set<Integer> rowLayers,
                           SortedSet<Integer> rows) {
    public TraceRequest {
        keepAttentions = Set.copyOf(new TreeSet<>(keepAttentions));
        rowLayers = Set.copyOf(new TreeSet<>(rowLayers));
        rows = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(rows));
        if (!rowLayers.isEmpty() && rows.isEmpty()) {
            throw new IllegalArgumentException("row layers " + rowLayers + " asked for without any query row");
        }
    }

    /** A request that keeps whole matrices only. */
    public TraceRequest(PositionEmbeddingInterpolation interpolation, Set<Integer> keepAttentions,
                        Optional<AttentionObserver> observer, boolean gradientTail) {
        this(interpolation, keepAttentions, observer, gradientTail, Set.of(), new TreeSet<>());
    }

    /** True when the pass needs attention probabilities at all. */
    public boolean needsAttentions() {
        return !keepAttentions.isEmpty() || observer.isPresent() || !rowLayers.isEmpty();
    }

    /** The kept query rows as an ascending array. */
    public int[] rowArray() {
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Checks that every layer and query row asked for exists in a pass of {@code layers} blocks and {@code tokens}. */
    public void check(int layers, int tokens) {
        for (Set<Integer> s : java.util.List.of(keepAttentions, rowLayers)) {
            for (int layer : s) {
                if (layer < 0 || layer >= layers) {
                    throw new IllegalArgumentException("layer " + layer + " does not exist (0.." + (layers - 1) + ")");
                }
            }
        }
        if (!rows.isEmpty() && (rows.first() < 0 || rows.last() >= tokens)) {
            throw new IllegalArgumentException("query rows " + rows + " outside the " + tokens + " tokens");
        }
    }
}
