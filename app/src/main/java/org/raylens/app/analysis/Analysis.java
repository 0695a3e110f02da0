package org.raylens.app.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.EncoderCapabilities;
import org.raylens.inference.explain.AttentionQuery;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.ExplainRequest;
import org.raylens.inference.explain.Explainer;
import org.raylens.inference.explain.Explainers;
import org.raylens.inference.explain.Explanation;
import org.raylens.inference.explain.MethodParameters;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.inference.explain.TraceNeeds;
import org.raylens.inference.head.TokenHead;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.preprocess.BitImageProcessor;
import org.raylens.inference.preprocess.GreyImage8;
import org.raylens.inference.preprocess.ModelInput;

/**
 * The one analysis pipeline that the window's Analyse, {@code raylens explain} and {@code raylens bench explain} all
 * run: image → input recipe ({@link RecipeInput}, named in the provenance) → the model's processor → one forward
 * trace → the asked-for explainers from the {@link Explainers} registry, each reading its map from that trace. Adapter
 * scores and masks read the same trace's tokens ({@link Run#trace()}), and a head method (Grad-CAM for one class) runs
 * later on a kept trace through {@link #explain}, so one Analyse costs one forward plus one backward per class.
 *
 * <p>Because the window and the command line both make their model input with {@link #input} and their maps with
 * {@link #run}, their maps of the same image and settings are bit-identical.
 */
public final class Analysis {

    /**
     * How the pipeline obtains its one forward trace: the only place that runs the encoder, so that a test can count
     * the passes and the encoder behind it can change without touching the pipeline.
     */
    @FunctionalInterface
    public interface TraceRecorder {
        ForwardTrace record(ExplainContext context, ExplainInput input, TraceNeeds needs, Progress progress,
                            CancellationToken cancel);
    }

    /**
     * One forward's trace and the maps read from it, by explainer name in the order asked for, and the methods an
     * Analyse left out because the model cannot give what they need, with the reason ({@link MethodAvailability}).
     */
    public record Run(ForwardTrace trace, Map<String, Explanation> maps, Map<String, String> skipped) {
        public Run {
            maps = Collections.unmodifiableMap(new LinkedHashMap<>(maps));
            skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        }

        /** A run that skipped nothing. */
        public Run(ForwardTrace trace, Map<String, Explanation> maps) {
            this(trace, maps, Map.of());
        }
    }

    /**
     * Above this many tokens an Analyse keeps only the last layer's whole attention (a ViT-B at 518 px: 90 MB a
     * layer) and the CLS row of the others.
     */
    public static final int ALL_LAYERS_TOKEN_LIMIT = 600;

    private final Explainers explainers;
    private final TraceRecorder traces;

    /** @param traces runs the forward pass (tests wrap {@link ForwardTrace#record} to count) */
    public Analysis(Explainers explainers, TraceRecorder traces) {
        this.explainers = explainers;
        this.traces = traces;
    }

    /** The registered explainers (built-ins and ServiceLoader's), traced by {@link ForwardTrace#record}. */
    public static Analysis standard() {
        return new Analysis(Explainers.load(), ForwardTrace::record);
    }

    public Explainers explainers() {
        return explainers;
    }

    /**
     * What one Analyse runs: every registered explainer that needs neither a head (the CAMs run per class on demand)
     * nor a point (click-a-patch runs on a click), in registry order.
     */
    public List<Explainer> analyseMethods() {
        return explainers.all().stream().filter(e -> !e.needsHead() && !e.needsPoint()).toList();
    }

    /**
     * The model input of an image already made 8-bit by an input recipe: the model's own resize, crop and
     * normalisation, with the recipe's provenance first.
     *
     * @param recipeProvenance what {@link RecipeInput.Grey#provenance()} says (recipe and parameters)
     * @param source           a short name of the image for the processor's provenance
     */
    public static ExplainInput input(GreyImage8 recipeImage, String recipeProvenance, PreprocessorConfig processor,
                                     int patchSize, String source) {
        ModelInput mi = new BitImageProcessor(processor).process(recipeImage, source);
        return new ExplainInput(mi.tensor(), mi.geometry(patchSize), recipeProvenance + "; " + mi.provenance());
    }

    /**
     * Runs the encoder once over {@code input}, keeping what {@code methods} need plus {@code extra} (e.g. the
     * layers a viewer offers, Grad-CAM's start), and reads each method's map from that one trace.
     *
     * @throws CancellationException when {@code cancel} turns true before the maps are read
     * @throws MethodUnavailableException when the model cannot give what a method needs (checked before the forward)
     */
    public Run run(ExplainContext context, ExplainInput input, List<Explainer> methods, ExplainRequest request,
                   TraceNeeds extra, Progress progress, CancellationToken cancel) {
        TraceNeeds needs = extra;
        for (Explainer e : methods) {
            TraceNeeds own = e.needs(request);
            MethodAvailability.missing(own, context.capabilities()).ifPresent(reason -> {
                throw new MethodUnavailableException(e.name(), reason);
            });
            needs = needs.and(own);
        }
        ForwardTrace trace = traces.record(context, input, needs, progress, cancel);
        Map<String, Explanation> maps = new LinkedHashMap<>();
        for (Explainer e : methods) {
            if (cancel.isCancelled()) {
                throw new CancellationException("analysis cancelled");
            }
            if (!e.needsHead() && !hasPatchGrid(trace)) {
                throw new MethodUnavailableException(e.name(), MethodAvailability.NO_PATCH_GRID);
            }
            maps.put(e.name(), e.explain(trace, request, progress, cancel));
        }
        return new Run(trace, maps);
    }

    /**
     * False for a model whose tokens are one global feature (an imported classifier with only logits or an
     * embedding): the maps read from tokens have no grid to lie on, while the methods that explain a class by
     * perturbing the input (occlusion, RISE) still work.
     */
    static boolean hasPatchGrid(ForwardTrace trace) {
        return trace.layout().rows() * trace.layout().cols() > 0;
    }

    /**
     * One Analyse, as the window runs it: {@link #analyseMethods()} at their defaults, over a trace that also keeps
     * the CLS attention row of every layer, for the layer chooser, and the whole attention of every layer (of the
     * last one only above {@link #ALL_LAYERS_TOKEN_LIMIT} tokens), for click-a-patch, and the last block's input, from which {@link #headMap} starts. What the model's capabilities
     * cannot give is not asked for: a method needing it is skipped (named in {@link Run#skipped()}), no attention is
     * kept without attentions and no CAM start without gradients.
     */
    public Run analyse(ExplainContext context, ExplainInput input, Progress progress, CancellationToken cancel) {
        int layers = context.numLayers();
        EncoderCapabilities capabilities = context.capabilities();
        ExplainRequest request = ExplainRequest.defaults(layers);
        List<Explainer> methods = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Explainer e : analyseMethods()) {
            MethodAvailability.missing(e, request, capabilities).ifPresentOrElse(
                    reason -> skipped.put(e.name(), reason), () -> methods.add(e));
        }
        TraceNeeds extra = TraceNeeds.tokens();
        if (capabilities.attentions()) {
            long tokens = context.info().prefixTokens() + (long) input.geometry().rows() * input.geometry().cols();
            Set<Integer> all = new TreeSet<>();
            Set<Integer> whole = new TreeSet<>();
            for (int i = 0; i < layers; i++) {
                all.add(i);
                if (tokens <= ALL_LAYERS_TOKEN_LIMIT || i == layers - 1) {
                    whole.add(i);
                }
            }
            // the CLS row of every layer (66 KB a layer at 518 px) for the layer chooser's CLS maps; whole layers,
            // which click-a-patch reads any row of, only where they are small or for the last layer
            extra = extra.withRows(all, Set.of(AttentionQuery.CLS)).withAttentions(whole);
        }
        if (capabilities.gradients()) {
            extra = extra.withCamInput();
        }
        // whether the tokens lie on a grid shows only in the trace: a gridless model's token maps are skipped then
        List<Explainer> mapped = methods;
        Run run = run(context, input, List.of(), request, extra.and(needsOf(methods, request)), progress, cancel);
        if (!hasPatchGrid(run.trace())) {
            methods.forEach(e -> skipped.put(e.name(), MethodAvailability.NO_PATCH_GRID));
            mapped = List.of();
        }
        Map<String, Explanation> maps = new LinkedHashMap<>();
        for (Explainer e : mapped) {
            if (cancel.isCancelled()) {
                throw new CancellationException("analysis cancelled");
            }
            maps.put(e.name(), e.explain(run.trace(), request, progress, cancel));
        }
        return new Run(run.trace(), maps, skipped);
    }

    /** What {@code methods} need of the trace together. */
    private static TraceNeeds needsOf(List<Explainer> methods, ExplainRequest request) {
        TraceNeeds needs = TraceNeeds.tokens();
        for (Explainer e : methods) {
            needs = needs.and(e.needs(request));
        }
        return needs;
    }

    /** Every registered method the model of {@code context} cannot give, with the reason: what a viewer greys out. */
    public Map<String, String> unavailable(ExplainContext context) {
        return MethodAvailability.unavailable(explainers, context.capabilities(), context.numLayers());
    }

    /**
     * The map of a head method ({@code method}, e.g. "gradcam") for output {@code output} of {@code head}, read from
     * a trace an {@link #analyse} kept: one block's differentiable tail and one backward, no forward.
     */
    public Explanation headMap(ForwardTrace trace, String method, TokenHead head, int output) {
        return headMap(trace, method, head, output, MethodParameters.NONE, Progress.NONE, CancellationToken.NONE);
    }

    /**
     * As above with the method's own parameters (a CAM's eigen_smooth, RISE's masks) and, for the methods that run
     * many forwards (occlusion, RISE, Score-CAM), progress and cancel.
     */
    public Explanation headMap(ForwardTrace trace, String method, TokenHead head, int output,
                               MethodParameters parameters, Progress progress, CancellationToken cancel) {
        // a head method reads no attention layer, so the request's layer is a placeholder
        return method(method).explain(trace, headRequest(1, head, output).withParameters(parameters), progress,
                cancel);
    }

    /** The same map where no trace was kept: the pipeline records one of its own (about one forward more). */
    public Explanation headMap(ExplainContext context, ExplainInput input, String method, TokenHead head,
                               int output) {
        return headMap(context, input, method, head, output, MethodParameters.NONE, Progress.NONE,
                CancellationToken.NONE);
    }

    /** As above with the method's own parameters, progress and cancel. */
    public Explanation headMap(ExplainContext context, ExplainInput input, String method, TokenHead head,
                               int output, MethodParameters parameters, Progress progress, CancellationToken cancel) {
        Explainer e = method(method);
        return run(context, input, List.of(e), headRequest(context.numLayers(), head, output)
                .withParameters(parameters), TraceNeeds.tokens(), progress, cancel).maps().get(e.name());
    }

    /** The defaults, asking about {@code output} of {@code head}. */
    private static ExplainRequest headRequest(int layers, TokenHead head, int output) {
        ExplainRequest d = ExplainRequest.defaults(layers);
        return new ExplainRequest(d.layer(), d.heads(), null, d.rollout(), d.mask(), d.camLayer(), head, output);
    }

    /** The registered explainer of {@code name}. */
    public Explainer method(String name) {
        return explainers.find(name).orElseThrow(() -> new IllegalArgumentException("no explainer '" + name
                + "' is registered; registered: " + String.join(", ", explainers.names())));
    }
}
