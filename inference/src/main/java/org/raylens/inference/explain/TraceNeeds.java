package org.raylens.inference.explain;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one forward pass must keep so that every explainer asked for can read its answer from the trace instead of
 * running the encoder again: raw attention of some layers (whole, or only the query rows a map reads), the rollout's
 * prepared matrices (fused per block as it finishes, so a 518-px ViT-B never holds all its layers' raw maps) and the
 * last block's input (Grad-CAM's start).
 *
 * <p>A CLS map reads one row of its layer's (heads, N, N) probabilities: asking for that row ({@link #withRows})
 * instead of the whole layer keeps 66 KB instead of 90 MB per layer of a ViT-B at 518 px, and the copy is free.
 *
 * @param attentionLayers layers whose raw (heads, N, N) probabilities to keep
 * @param rollout         rollout options whose per-layer matrices to prepare, if any
 * @param camInput        keep the last block's input, from which a Grad-CAM tail and backward start
 * @param inputGradients  keep a gradient tail that differentiates down to the input pixels (Saliency, SmoothGrad,
 *                        Integrated Gradients)
 * @param rowLayers       layers of which only the query rows {@code rows} are kept
 * @param rows            the query rows kept of each row layer
 */
public record TraceNeeds(Set<Integer> attentionLayers, Optional<RolloutOptions> rollout, boolean camInput,
                         boolean inputGradients, Set<Integer> rowLayers, Set<AttentionQuery> rows) {
    public TraceNeeds {
        attentionLayers = Set.copyOf(new TreeSet<>(attentionLayers));
        rowLayers = Set.copyOf(new TreeSet<>(rowLayers));
        rows = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(rows));
    }

    /** Needs that keep whole layers only, without input gradients. */
    public TraceNeeds(Set<Integer> attentionLayers, Optional<RolloutOptions> rollout, boolean camInput) {
        this(attentionLayers, rollout, camInput, false, Set.of(), Set.of());
    }

    public TraceNeeds withInputGradients() {
        return new TraceNeeds(attentionLayers, rollout, camInput, true, rowLayers, rows);
    }

    /** Only the final tokens (PCA, adapter scores). */
    public static TraceNeeds tokens() {
        return new TraceNeeds(Set.of(), Optional.empty(), false);
    }

    public TraceNeeds withAttentions(Set<Integer> layers) {
        Set<Integer> all = new TreeSet<>(attentionLayers);
        all.addAll(layers);
        return new TraceNeeds(all, rollout, camInput, inputGradients, rowLayers, rows);
    }

    /**
     * Keeps the query rows {@code queries} of each of {@code layers} (and those of the other row layers: one set of
     * rows is kept for every row layer, which costs N floats per head and row).
     */
    public TraceNeeds withRows(Set<Integer> layers, Set<AttentionQuery> queries) {
        Set<Integer> l = new TreeSet<>(rowLayers);
        l.addAll(layers);
        Set<AttentionQuery> q = new LinkedHashSet<>(rows);
        q.addAll(queries);
        return new TraceNeeds(attentionLayers, rollout, camInput, inputGradients, l, q);
    }

    public TraceNeeds withRollout(RolloutOptions options) {
        if (rollout.isPresent() && !rollout.get().equals(options)) {
            throw new IllegalArgumentException("one trace prepares one rollout; asked for " + rollout.get().describe()
                    + " and " + options.describe());
        }
        return new TraceNeeds(attentionLayers, Optional.of(options), camInput, inputGradients, rowLayers, rows);
    }

    public TraceNeeds withCamInput() {
        return new TraceNeeds(attentionLayers, rollout, true, inputGradients, rowLayers, rows);
    }

    /** True when the trace needs attention probabilities at all (whole layers, rows or the rollout). */
    public boolean needsAttentions() {
        return !attentionLayers.isEmpty() || !rowLayers.isEmpty() || rollout.isPresent();
    }

    /** Both sets of needs (rollouts must agree). */
    public TraceNeeds and(TraceNeeds other) {
        TraceNeeds t = withAttentions(other.attentionLayers).withRows(other.rowLayers, other.rows);
        if (other.rollout.isPresent()) {
            t = t.withRollout(other.rollout.get());
        }
        t = other.camInput ? t.withCamInput() : t;
        return other.inputGradients ? t.withInputGradients() : t;
    }
}
