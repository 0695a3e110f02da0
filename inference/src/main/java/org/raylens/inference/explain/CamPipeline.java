package org.raylens.inference.explain;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.encoder.EncoderCapabilities.GradientLayer;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.head.TokenHead;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one Grad-CAM pipeline (pytorch-grad-cam's BaseCAM): activations → target → backward → channel weights → map.
 * The method ({@link CamWeighting}) only decides the weights; the target layer is named by the encoder family (one
 * of its capabilities' gradient layers; null or blank means the family's default, DINOv2's last block's norm1).
 *
 * <p>BaseCAM's options are parameters ({@link #withParameters}): {@code eigen_smooth} maps the first principal
 * component of the weighted activations instead of their channel sum ({@link CamProjection}); {@code aug_smooth}
 * is its test-time augmentation — the input and its horizontal flip, each times 0.9, 1 and 1.1, one trace each, every
 * map scaled to [0, 1], flipped back and averaged (the flip mirrors the columns the model sees, so the patch grid
 * maps onto itself). Several classes share one trace and, for Score-CAM and Ablation-CAM, one set of passes.
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
    private final MethodParameters parameters;
    private final Progress progress;

    /** For maps from traces only ({@link #explainEach(ForwardTrace, TokenHead, List, CancellationToken)}). */
    public CamPipeline(String layer, CamWeighting weighting) {
        this(null, layer, weighting);
    }

    /** @param context for the calls that take an input and run the forward themselves; may be null for traces only */
    public CamPipeline(ExplainContext context, String layer, CamWeighting weighting) {
        this(context, layer, weighting, MethodParameters.NONE, Progress.NONE);
    }

    private CamPipeline(ExplainContext context, String layer, CamWeighting weighting, MethodParameters parameters,
                        Progress progress) {
        this.context = context;
        this.layer = layer;
        this.weighting = weighting;
        this.parameters = parameters;
        this.progress = progress;
    }

    /** This pipeline with BaseCAM's options and the method's own ({@code aug_smooth}, {@code eigen_smooth}, ...). */
    public CamPipeline withParameters(MethodParameters p) {
        return new CamPipeline(context, layer, weighting, p, progress);
    }

    /** This pipeline reporting the extra passes of Score-CAM, Ablation-CAM and aug_smooth to {@code p}. */
    public CamPipeline withProgress(Progress p) {
        return new CamPipeline(context, layer, weighting, parameters, p);
    }

    /** The parameters every CAM reads. */
    static List<MethodParameters.Spec> commonParameters() {
        return List.of(new MethodParameters.Spec("eigen_smooth", "false",
                        "first principal component of the weighted activations instead of their sum"),
                new MethodParameters.Spec("aug_smooth", "false",
                        "mean of the maps of the input and its flip, each x0.9, x1, x1.1 (6 traces)"));
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
        List<OutputTarget> targets = OutputTarget.outputs(head, outputs);
        GradientTail tail = tail(trace);
        GradientLayer at = resolve(tail);
        boolean eigen = parameters.flag("eigen_smooth", false);
        boolean aug = parameters.flag("aug_smooth", false);
        List<CamResult> results = run(trace, tail, at, head, targets, cancel);
        List<float[]> values = new ArrayList<>();
        for (CamResult r : results) {
            values.add(r.cam());
        }
        if (aug) {
            values = augmentationMean(trace, head, targets, results, cancel);
        }
        List<PatchMap> maps = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            CamResult r = results.get(i);
            String d = String.format(Locale.ROOT, "%s of %s at the %s; logit %.6g%s%s", weighting.name(),
                    targets.get(i).describe(), at.description(), r.score(), eigen ? "; eigen_smooth" : "",
                    aug ? "; aug_smooth (mean of 6 min-max scaled maps)" : "");
            maps.add(new PatchMap(weighting.name(), d, r.rows(), r.cols(), 1, values.get(i), trace.input().geometry(),
                    trace.provenance(d + "; head outputs " + head.outputs())));
        }
        return maps;
    }

    /** Every intermediate of the CAM for a target. */
    public CamResult run(ExplainInput input, TokenHead head, OutputTarget target, Progress progress, CancellationToken cancel) {
        ForwardTrace trace = record(input, progress, cancel);
        GradientTail tail = tail(trace);
        return run(trace, tail, resolve(tail), head, List.of(target), cancel).get(0);
    }

    /** Every intermediate of the CAM of each target, from a trace that kept a gradient tail. */
    public List<CamResult> run(ForwardTrace trace, TokenHead head, List<OutputTarget> targets, CancellationToken cancel) {
        GradientTail tail = tail(trace);
        return run(trace, tail, resolve(tail), head, targets, cancel);
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

    /**
     * Backward per target through the family's tail (which also gives the activations and the head's outputs), then
     * weights → map; a method weighing by passes runs them once for all targets.
     */
    private List<CamResult> run(ForwardTrace trace, GradientTail tail, GradientLayer at, TokenHead head,
                                List<OutputTarget> targets, CancellationToken cancel) {
        List<GradientTail.Score> scores = new ArrayList<>();
        for (OutputTarget t : targets) {
            scores.add((tokens, layout) -> {
                var logits = head.forward(tokens, layout);
                return new GradientTail.Scored(logits, t.score(logits));
            });
        }
        List<GradientTail.LayerGradients> grads = tail.gradients(at.name(), scores, cancel);
        List<double[]> passWeights = null;
        if (weighting instanceof ForwardCamWeighting f) {
            GradientTail.LayerGradients g0 = grads.get(0);
            passWeights = f.weights(new CamForwards(trace, tail, at.name(), head, targets, g0.activations(),
                    g0.layout(), parameters, progress, cancel));
        }
        boolean eigen = parameters.flag("eigen_smooth", false);
        List<CamResult> out = new ArrayList<>();
        for (int i = 0; i < grads.size(); i++) {
            out.add(weigh(grads.get(i), passWeights == null ? null : passWeights.get(i), eigen));
        }
        return out;
    }

    private CamResult weigh(GradientTail.LayerGradients g, double[] given, boolean eigenSmooth) {
        TokenLayout layout = g.layout();
        float[] acts = g.activations();
        int p = layout.rows() * layout.cols();
        int d = layout.dim();
        float[] grads = weighting.usesGradients() ? g.gradients() : null;
        double[] w = given != null ? given : weighting.weights(acts, grads, p, d);
        double[] terms = weighting.terms(acts, grads, w, p, d);
        double[] raw;
        if (eigenSmooth || weighting.projects()) {
            raw = CamProjection.firstComponent(terms, p, d);
        } else {
            raw = new double[p];
            for (int t = 0; t < p; t++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += terms[t * d + c];
                }
                raw[t] = s;
            }
        }
        float[] cam = new float[p];
        for (int t = 0; t < p; t++) {
            cam[t] = (float) Math.max(raw[t], 0);
        }
        float[] wf = new float[w.length];
        for (int c = 0; c < w.length; c++) {
            wf[c] = (float) w[c];
        }
        return new CamResult(layout.rows(), layout.cols(), d, acts, g.gradients(), wf, cam, g.outputs(), g.score());
    }

    /**
     * pytorch-grad-cam's forward_augmentation_smoothing with ttach's default (HorizontalFlip × Multiply 0.9, 1, 1.1):
     * each augmented input's map is min–max scaled, de-augmented (flipped back) and the six are averaged.
     */
    private List<float[]> augmentationMean(ForwardTrace trace, TokenHead head, List<OutputTarget> targets,
                                           List<CamResult> plain, CancellationToken cancel) {
        int rows = trace.input().geometry().rows();
        int cols = trace.input().geometry().cols();
        List<float[]> sums = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            sums.add(new float[rows * cols]);
        }
        int done = 0;
        for (boolean flip : new boolean[]{false, true}) {
            for (float factor : new float[]{0.9f, 1f, 1.1f}) {
                cancel.throwIfCancelled("aug_smooth after " + done + " of 6 traces");
                List<CamResult> rs = plain;
                if (flip || factor != 1f) {
                    // the input as it is was mapped already (plain); each other augmentation is a trace of its own
                    ForwardTrace t = trace.forwards().trace(augmented(trace.input(), flip, factor),
                            TraceNeeds.tokens().withCamInput(), cancel);
                    GradientTail tail = tail(t);
                    rs = run(t, tail, resolve(tail), head, targets, cancel);
                }
                for (int i = 0; i < rs.size(); i++) {
                    float[] scaled = rs.get(i).camMinMax();
                    float[] sum = sums.get(i);
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            sum[r * cols + c] += scaled[r * cols + (flip ? cols - 1 - c : c)];
                        }
                    }
                }
                progress.report(++done, 6, "aug_smooth: " + done + " of 6 traces");
            }
        }
        for (float[] sum : sums) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] /= 6;
            }
        }
        return sums;
    }

    /** The input times {@code factor}, its seen columns mirrored when {@code flip}; the same geometry. */
    static ExplainInput augmented(ExplainInput input, boolean flip, float factor) {
        var t = input.tensor();
        int c = t.dim(1);
        int h = t.dim(2);
        int w = t.dim(3);
        int seen = input.geometry().cols() * input.geometry().patchSize();
        float[] src = t.data();
        float[] out = Arrays.copyOf(src, src.length);
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int row = (ch * h + y) * w;
                for (int x = 0; x < w; x++) {
                    int from = flip && x < seen ? seen - 1 - x : x;
                    out[row + x] = src[row + from] * factor;
                }
            }
        }
        return new ExplainInput(new org.raylens.inference.encoder.FloatTensor(out, t.shape()), input.geometry(),
                input.preprocessing() + "; aug_smooth: " + (flip ? "flipped, " : "") + "x" + factor);
    }
}
