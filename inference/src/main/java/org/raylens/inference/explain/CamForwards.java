package org.raylens.inference.explain;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.head.TokenHead;

import java.util.List;

/**
 * The extra passes a CAM method weighs its channels by (Score-CAM: forwards of the input masked by each channel;
 * Ablation-CAM: the rest of the network from the layer with each channel ablated), with the target layer's patch
 * activations. Every target is scored from the same passes, so several classes cost the passes once.
 */
public final class CamForwards {
    private final ForwardTrace trace;
    private final GradientTail tail;
    private final String layer;
    private final TokenHead head;
    private final List<OutputTarget> targets;
    private final float[] activations;
    private final TokenLayout layout;
    private final MethodParameters parameters;
    private final Progress progress;
    private final CancellationToken cancel;

    CamForwards(ForwardTrace trace, GradientTail tail, String layer, TokenHead head, List<OutputTarget> targets,
                float[] activations, TokenLayout layout, MethodParameters parameters, Progress progress,
                CancellationToken cancel) {
        this.trace = trace;
        this.tail = tail;
        this.layer = layer;
        this.head = head;
        this.targets = List.copyOf(targets);
        this.activations = activations;
        this.layout = layout;
        this.parameters = parameters;
        this.progress = progress;
        this.cancel = cancel;
    }

    /** (P, D) patch activations at the target layer, row-major. */
    float[] activations() {
        return activations;
    }

    TokenLayout layout() {
        return layout;
    }

    int targets() {
        return targets.size();
    }

    MethodParameters parameters() {
        return parameters;
    }

    ForwardTrace trace() {
        return trace;
    }

    /** scores[target][copy] of the whole model on {@code count} changed copies of the input. */
    float[][] ofInputs(int count, PerturbedScores.Variant variant, String what) {
        return new PerturbedScores(trace, head, targets, PerturbedScores.batch(trace, parameters), progress, cancel)
                .of(count, variant, what);
    }

    /**
     * scores[target][copy] of the rest of the network run from {@code count} edited copies of the layer's activation
     * of every token (N, D), through the family's {@link GradientTail#scoresFromEdited}.
     */
    float[][] ofEditedActivations(int count, GradientTail.ActivationEdit edit) {
        long perCopy = 4L * layout.numTokens() * (layout.numTokens() * 16L + 12L * layout.dim());
        int batch = parameters.intValue("batch", (int) Math.max(1, Math.min(64, (512L << 20) / perCopy)), 1, 1024);
        float[][] byCopy = tail.scoresFromEdited(layer, count, batch, (v, tokens, l) -> {
            edit.edit(v, tokens, l);
            if ((v + 1) % batch == 0 || v + 1 == count) {
                progress.report(v + 1, count, "ablated " + (v + 1) + " of " + count);
            }
        }, (tokens, l) -> PerturbedScores.stacked(head.forward(tokens, l), targets), cancel);
        float[][] out = new float[targets.size()][count];
        for (int v = 0; v < count; v++) {
            for (int t = 0; t < targets.size(); t++) {
                out[t][v] = byCopy[v][t];
            }
        }
        return out;
    }
}
