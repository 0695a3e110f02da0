package org.raylens.inference.explain;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.MapGeometry;
import org.raylens.inference.encoder.AttentionObserver;
import org.raylens.inference.encoder.AttentionRows;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.encoder.TraceRequest;
import org.raylens.inference.encoder.TracedForward;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Everything one forward pass of one image left behind for the explainers, whatever the encoder family: the final
 * tokens (as an {@link EncoderOutput}, so adapters score from it too), the raw attention of the layers asked for,
 * the rollout's prepared per-layer matrices and the family's gradient tail. Made once by {@link #record}; attention
 * maps, rollout and PCA read it, and Grad-CAM takes its gradients from the tail, so an analysis runs the encoder once.
 *
 * <p>The family reports each block's attention as it finishes; the rollout's preparation (fuse, discard,
 * residual, normalise) happens here, so it is the same for every family and a 518-px ViT-B never holds all its
 * layers' raw maps.
 *
 * @param rolloutLayers the prepared (fused, residual-mixed, row-normalised) (N, N) matrix of each layer, first layer
 *                      first; empty unless the needs asked for a rollout
 * @param modelIdentity the model's identity line for provenance
 * @param inputNote     how the family handled the input (e.g. the position-embedding interpolation), for provenance
 * @param gradientTail  where Grad-CAM takes its gradients; empty unless the needs asked for it
 * @param model         the model that recorded the trace, for more passes on other inputs (perturbation methods,
 *                      a CAM's test-time augmentation), on the same session (so, like the tail, used on that
 *                      session's thread while it is open)
 */
public record ForwardTrace(ExplainInput input, TraceNeeds needs, EncoderOutput output, List<float[]> rolloutLayers,
                           String modelIdentity, String inputNote, Optional<GradientTail> gradientTail,
                           TracedModel model) {
    public ForwardTrace {
        rolloutLayers = List.copyOf(rolloutLayers);
    }

    public TokenLayout layout() {
        return output.layout();
    }

    /** Runs the encoder once over {@code input}, keeping what {@code needs} asks for. */
    public static ForwardTrace record(ExplainContext context, ExplainInput input, TraceNeeds needs, Progress progress,
                                      CancellationToken cancel) {
        if (input.geometry().patchSize() != context.patchSize()) {
            throw new IllegalArgumentException("input geometry is for " + input.geometry().patchSize()
                    + "-pixel patches, the model uses " + context.patchSize());
        }
        List<float[]> rollout = new ArrayList<>();
        Optional<AttentionObserver> observer = needs.rollout().map(o -> (layer, probs, heads, n) ->
                rollout.add(AttentionRollout.prepare(o.fusion().fuse(probs, heads, n), n, o.discardRatio())));
        TraceRequest request = new TraceRequest(context.interpolation(), needs.attentionLayers(), observer,
                needs.camInput() || needs.inputGradients(), needs.rowLayers(), queryTokens(context, input, needs));
        TracedForward t = context.session().trace(input.tensor(), request, progress, cancel);
        return new ForwardTrace(input, needs, t.output(), rollout, context.modelIdentity(), t.inputNote(),
                t.gradientTail(), model(context));
    }

    /** The token index of each query row the needs name: CLS is 0, a point's patch comes after the prefix tokens. */
    private static SortedSet<Integer> queryTokens(ExplainContext context, ExplainInput input, TraceNeeds needs) {
        SortedSet<Integer> tokens = new TreeSet<>();
        if (needs.rowLayers().isEmpty()) {
            return tokens;
        }
        for (AttentionQuery q : needs.rows()) {
            tokens.add(queryToken(context.info().prefixTokens(), input.geometry(), q));
        }
        return tokens;
    }

    static int queryToken(int prefixTokens, MapGeometry geometry, AttentionQuery q) {
        if (q instanceof AttentionQuery.Point p) {
            int[] rc = geometry.patchAt(p.x(), p.y());
            if (rc == null) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "point (%.1f, %.1f) lies outside the region the model saw (cropped away or outside the image)",
                        p.x(), p.y()));
            }
            return prefixTokens + rc[0] * geometry.cols() + rc[1];
        }
        return 0;
    }

    /** This trace without the rollout's prepared matrices (90 MB for a ViT-B at 518 px), for keeping it longer. */
    public ForwardTrace withoutRollout() {
        return new ForwardTrace(input, needs, output, List.of(), modelIdentity, inputNote, gradientTail, model);
    }

    /** The model behind a trace, for more passes of the same session. */
    public interface TracedModel {
        /** A batched forward: (B, C, H, W) normalised inputs → the encoder's output. */
        EncoderOutput forward(FloatTensor images, CancellationToken cancel);

        /** A trace of another input (a flipped copy for test-time augmentation). */
        ForwardTrace trace(ExplainInput input, TraceNeeds needs, CancellationToken cancel);
    }

    /** Batched forwards of the model that recorded this trace. */
    public TracedModel forwards() {
        return model;
    }

    private static TracedModel model(ExplainContext context) {
        ForwardOptions options = ForwardOptions.defaults().withInterpolation(context.interpolation());
        return new TracedModel() {
            @Override
            public EncoderOutput forward(FloatTensor images, CancellationToken cancel) {
                return context.session().forward(images, options, Progress.NONE, cancel);
            }

            @Override
            public ForwardTrace trace(ExplainInput input, TraceNeeds needs, CancellationToken cancel) {
                return record(context, input, needs, Progress.NONE, cancel);
            }
        };
    }

    /** The one-line provenance of a map: model, preprocessing, input handling, method parameters. */
    public String provenance(String methodParameters) {
        return modelIdentity + "; preprocessing: " + input.preprocessing() + "; " + inputNote + "; " + methodParameters;
    }

    /** The query rows kept of {@code layer}, or null when the trace kept none. */
    AttentionRows rows(int layer) {
        return output.attentionRows().get(layer);
    }

    /** Raw attention of {@code layer}, (1, heads, N, N). */
    FloatTensor attention(int layer) {
        FloatTensor a = output.attentions().get(layer);
        if (a == null) {
            throw new IllegalStateException("this trace kept no attention of layer " + layer + " (kept: "
                    + needs.attentionLayers() + ")");
        }
        return a;
    }
}
