package org.raylens.inference.encoder;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one traced forward must keep, in the encoder's own terms (the explain package translates its needs into it).
 *
 * @param interpolation  how position embeddings are resized for a non-native input
 * @param keepAttentions layers whose raw (1, heads, N, N) probabilities go into the output
 * @param observer       told every block's attention as it finishes, when present
 * @param gradientTail   keep what a {@link GradientTail} needs to take gradients after the pass
 */
public record TraceRequest(PositionEmbeddingInterpolation interpolation, Set<Integer> keepAttentions,
                           Optional<AttentionObserver> observer, boolean gradientTail) {
    public TraceRequest {
        keepAttentions = Set.copyOf(new TreeSet<>(keepAttentions));
    }

    /** True when the pass needs attention probabilities at all. */
    public boolean needsAttentions() {
        return !keepAttentions.isEmpty() || observer.isPresent();
    }
}
