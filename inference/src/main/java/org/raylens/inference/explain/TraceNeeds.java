package org.raylens.inference.explain;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one forward pass must keep so that every explainer asked for can read its answer from the trace instead of
 * running the encoder again: raw attention of some layers, the rollout's prepared matrices (fused per block as it
 * finishes, so a 518-px ViT-B never holds all its layers' raw maps) and the last block's input (Grad-CAM's start).
 *
 * @param attentionLayers layers whose raw (heads, N, N) probabilities to keep
 * @param rollout         rollout options whose per-layer matrices to prepare, if any
 * @param camInput        keep the last block's input, from which a Grad-CAM tail and backward start
 * @param inputGradients  keep a gradient tail that differentiates down to the input pixels (Saliency, SmoothGrad,
 *                        Integrated Gradients)
 */
public record TraceNeeds(Set<Integer> attentionLayers, Optional<RolloutOptions> rollout, boolean camInput,
                         boolean inputGradients) {
    public TraceNeeds {
        attentionLayers = Set.copyOf(new TreeSet<>(attentionLayers));
    }

    /** Needs without input gradients. */
    public TraceNeeds(Set<Integer> attentionLayers, Optional<RolloutOptions> rollout, boolean camInput) {
        this(attentionLayers, rollout, camInput, false);
    }

    public TraceNeeds withInputGradients() {
        return new TraceNeeds(attentionLayers, rollout, camInput, true);
    }

    /** Only the final tokens (PCA, adapter scores). */
    public static TraceNeeds tokens() {
        return new TraceNeeds(Set.of(), Optional.empty(), false);
    }

    public TraceNeeds withAttentions(Set<Integer> layers) {
        Set<Integer> all = new TreeSet<>(attentionLayers);
        all.addAll(layers);
        return new TraceNeeds(all, rollout, camInput, inputGradients);
    }

    public TraceNeeds withRollout(RolloutOptions options) {
        if (rollout.isPresent() && !rollout.get().equals(options)) {
            throw new IllegalArgumentException("one trace prepares one rollout; asked for " + rollout.get().describe()
                    + " and " + options.describe());
        }
        return new TraceNeeds(attentionLayers, Optional.of(options), camInput, inputGradients);
    }

    public TraceNeeds withCamInput() {
        return new TraceNeeds(attentionLayers, rollout, true, inputGradients);
    }

    /** Both sets of needs (rollouts must agree). */
    public TraceNeeds and(TraceNeeds other) {
        TraceNeeds t = withAttentions(other.attentionLayers);
        if (other.rollout.isPresent()) {
            t = t.withRollout(other.rollout.get());
        }
        t = other.camInput ? t.withCamInput() : t;
        return other.inputGradients ? t.withInputGradients() : t;
    }
}
