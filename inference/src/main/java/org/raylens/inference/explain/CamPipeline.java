package org.raylens.inference.explain;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.encoder.EncoderCapabilities.GradientLayer;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.head.TokenHead;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one Grad-CAM pipeline (pytorch-grad-cam's BaseCAM): activations → target → backward → channel weights → map.
 * The method ({@link CamWeighting}) only decides the weights; the target layer is named by the encoder family (one
 * of its capabilities' gradient layers; null or blank means the family's default, DINOv2's last block's norm1).
 *
 * <p>How the gradient is taken is the family's business ({@link GradientTail}): the trace's forward keeps what the
 * tail needs, and each class costs only the tail's short differentiable pass and backward.
 *
 * <p>DJL allows one GradientCollector per process at a time; a CAM while an adapter trains fails with DJL's
 * IllegalStateException rather than mixing gradients.
 */
public final class CamPipeline {
    private final ExplainContext context;
    private final String layer;
    private final CamWeighting weighting;

    /** For maps from traces only ({@link #explainEach(ForwardTrace, TokenHead, List, CancellationToken)}). */
    public CamPipeline(String layer, CamWeighting weighting) {
        this(null, layer, weighting);
    }

    /** @param context for the calls that take an input and run the forward themselves; may be null for traces only */
    public CamPipeline(ExplainContext context, String layer, CamWeighting weighting) {
        this.context = context;
        this.layer = layer;
        this.weighting = weighting;
    }

    /** The map for one output of the head, as a raw (un-normalised) PatchMap. */
    public PatchMap explain(ExplainInput input, TokenHead head, int output, Progress progress, CancellationToken cancel) {
        return explainEach(input, head, List.of(output), progress, cancel).get(0);
    }

    /** One map per requested output ("per class"): one forward, then each class's tail and backward pass. */
    public List<PatchMap> explainEach(ExplainInput input, TokenHead head, List<Integer> outputs, Progress progress,
                                      CancellationToken cancel) {
        return explainEach(record(input, progress, cancel), head, outputs, cancel);
    }

    /** One map per requested output, from a trace that kept a gradient tail: no forward runs again. */
    public List<PatchMap> explainEach(ForwardTrace trace, TokenHead head, List<Integer> outputs, CancellationToken cancel) {
        List<OutputTarget> targets = new ArrayList<>();
        for (int o : outputs) {
            String label = o >= 0 && o < head.labels().size() ? head.labels().get(o) : null;
            targets.add(OutputTarget.output(o, label));
        }
        GradientTail tail = tail(trace);
        GradientLayer at = resolve(tail);
        List<CamResult> results = run(tail, at, head, targets, cancel);
        List<PatchMap> maps = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            CamResult r = results.get(i);
            String d = String.format(Locale.ROOT, "%s of %s at the %s; logit %.6g", weighting.name(),
                    targets.get(i).describe(), at.description(), r.score());
            maps.add(new PatchMap(weighting.name(), d, r.rows(), r.cols(), 1, r.cam(), trace.input().geometry(),
                    trace.provenance(d + "; head outputs " + head.outputs())));
        }
        return maps;
    }

    /** Every intermediate of the CAM for a target. */
    public CamResult run(ExplainInput input, TokenHead head, OutputTarget target, Progress progress, CancellationToken cancel) {
        GradientTail tail = tail(record(input, progress, cancel));
        return run(tail, resolve(tail), head, List.of(target), cancel).get(0);
    }

    private ForwardTrace record(ExplainInput input, Progress progress, CancellationToken cancel) {
        if (context == null) {
            throw new IllegalStateException("this pipeline was made for traces only; give it an ExplainContext");
        }
        return ForwardTrace.record(context, input, TraceNeeds.tokens().withCamInput(), progress, cancel);
    }

    private static GradientTail tail(ForwardTrace trace) {
        return trace.gradientTail().orElseThrow(() -> new IllegalStateException(
                "this trace kept no gradient tail; record it with TraceNeeds.withCamInput"));
    }

    private GradientLayer resolve(GradientTail tail) {
        List<GradientLayer> layers = tail.layers();
        if (layer == null || layer.isBlank()) {
            return layers.get(0);
        }
        return layers.stream().filter(l -> l.name().equals(layer)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no gradient layer named \"" + layer + "\"; this encoder has "
                        + layers.stream().map(GradientLayer::name).toList()));
    }

    /** Backward per target through the family's tail, then weights → map. */
    private List<CamResult> run(GradientTail tail, GradientLayer at, TokenHead head, List<OutputTarget> targets,
                                CancellationToken cancel) {
        List<GradientTail.Score> scores = new ArrayList<>();
        for (OutputTarget t : targets) {
            scores.add((tokens, layout) -> {
                var logits = head.forward(tokens, layout);
                return new GradientTail.Scored(logits, t.score(logits));
            });
        }
        List<CamResult> out = new ArrayList<>();
        for (GradientTail.LayerGradients g : tail.gradients(at.name(), scores, cancel)) {
            out.add(weigh(g));
        }
        return out;
    }

    private CamResult weigh(GradientTail.LayerGradients g) {
        TokenLayout layout = g.layout();
        float[] acts = g.activations();
        int p = layout.rows() * layout.cols();
        int d = layout.dim();
        double[] w = weighting.weights(acts, g.gradients(), p, d);
        float[] cam = new float[p];
        for (int t = 0; t < p; t++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                s += w[c] * acts[t * d + c];
            }
            cam[t] = (float) Math.max(s, 0);
        }
        float[] wf = new float[d];
        for (int c = 0; c < d; c++) {
            wf[c] = (float) w[c];
        }
        return new CamResult(layout.rows(), layout.cols(), d, acts, g.gradients(), wf, cam, g.outputs(), g.score());
    }
}
