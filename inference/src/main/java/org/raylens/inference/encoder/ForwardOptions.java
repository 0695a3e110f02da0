package org.raylens.inference.encoder;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a forward pass should return beyond the final tokens. Attention probabilities and hidden states cost memory
 * (a ViT-B at 518 px: 90 MB of attention per layer per image), so they are produced only for what is asked.
 *
 * @param attentionLayers 0-based layers whose softmax(q·kᵀ/√d) to keep
 * @param hiddenStates    keep HF's hidden_states: the embeddings and the residual stream after each block
 * @param interpolation   how to resize position embeddings for non-native grids
 */
public record ForwardOptions(Set<Integer> attentionLayers, boolean hiddenStates,
                             PositionEmbeddingInterpolation interpolation) {
    public ForwardOptions {
        attentionLayers = Set.copyOf(new TreeSet<>(attentionLayers));
    }

    public static ForwardOptions defaults() {
        return new ForwardOptions(Set.of(), false, PositionEmbeddingInterpolation.HF);
    }

    public ForwardOptions withAttentions(Set<Integer> layers) {
        return new ForwardOptions(layers, hiddenStates, interpolation);
    }

    public ForwardOptions withHiddenStates(boolean keep) {
        return new ForwardOptions(attentionLayers, keep, interpolation);
    }

    public ForwardOptions withInterpolation(PositionEmbeddingInterpolation i) {
        return new ForwardOptions(attentionLayers, hiddenStates, i);
    }
}
