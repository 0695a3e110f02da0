package org.raylens.app.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.AdapterSpec;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.adapter.MaskMap;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderInfo;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.TorchEngine;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.MethodParameters;
import org.raylens.inference.explain.metrics.FaithfulnessMetrics;
import org.raylens.inference.explain.metrics.ImageScorer;
import org.raylens.inference.explain.metrics.Region;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.Explainers;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.head.TokenHead;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.weights.WeightsIdentity;
import org.raylens.viewer.image.DisplayableImage;

/**
 * Runs the chosen encoder over an image: the blocking work behind the Analyse action, called on a background
 * thread. It keeps the loaded encoder between runs (loading RAD-DINO takes seconds) and closes it when another is
 * chosen. One analysis at a time: calls are serialised.
 *
 * <p>The work itself is the {@link Analysis} pipeline, the one the command line runs: the model input is made by the
 * chosen {@link InputRecipe} through {@link RecipeInput} and the model's processor, then one forward trace feeds
 * every registered explainer that needs neither a head nor a point; adapters score from the same trace.
 */
public final class AnalysisService implements AutoCloseable {

    private final WeightsIdentity identity;
    /** The pipeline every analysis and Grad-CAM runs through (its trace recorder is the seam tests count). */
    private final Analysis analysis;
    /** The trace of the last analysis, whose last-block input Grad-CAM starts from; dropped with the encoder. */
    private ForwardTrace lastTrace;

    /** The explainer the window computes per class on demand. */
    static final String GRAD_CAM = "gradcam";
    private EncoderChoice loadedChoice;
    private ComputeTarget loadedTarget;
    private Encoder encoder;
    /** One session per encoder, used only by the (single) analysis thread. */
    private EncoderSession predictor;
    /** The encoder when it was loaded from a model folder (null for the demo encoder). */
    private Encoder loaded;
    private PreprocessorConfig preprocessor;
    private String modelName;
    private String weightsSha;
    /** Adapters loaded for the current encoder, by folder; closed with it. */
    private final Map<Path, Adapter> adapters = new HashMap<>();
    /** The demo segmentation and classification adapters, built once each for the demo encoder; closed with it. */
    private Adapter demoSegmentation;
    private Adapter demoClassification;
    /** The loaded model's own classification head (a fine-tuned checkpoint's) as an adapter; closed with it. */
    private Optional<Adapter> bundledClassification;
    /** An imported classifier's logits as a head; closed with the encoder. */
    private Optional<Adapter> importedHead;

    /** Weight digests cached in the user's cache folder. */
    public AnalysisService() {
        this(WeightsIdentity.userCache());
    }

    /** @param identity where weight SHA-256 digests are cached (tests use a temporary one) */
    public AnalysisService(WeightsIdentity identity) {
        this(identity, Analysis.standard());
    }

    /** With the forward traces recorded by {@code traces} (tests wrap {@link ForwardTrace#record} to count). */
    AnalysisService(WeightsIdentity identity, Analysis.TraceRecorder traces) {
        this(identity, new Analysis(Explainers.load(), traces));
    }

    /** With its own pipeline (its registry decides which explainers an Analyse runs). */
    AnalysisService(WeightsIdentity identity, Analysis analysis) {
        this.identity = identity;
        this.analysis = analysis;
    }

    /** The pipeline this service runs. */
    public Analysis pipeline() {
        return analysis;
    }

    /**
     * Analyses {@code image}.
     *
     * @param progress receives (blocks done, total blocks)
     * @param cancel polled between blocks; when true the run stops with a {@link CancellationException}
     */
    public synchronized AnalysisResult analyse(DisplayableImage image, EncoderChoice choice, ComputeTarget target,
            Progress progress, CancellationToken cancel) throws IOException {
        return analyse(image, choice, AdapterSelection.NONE, target, progress, cancel);
    }

    /**
     * Analyses {@code image} with the encoder and the chosen adapters (loaded once per encoder and checked against it;
     * with the demo encoder and no adapter chosen, the demo adapters run).
     */
    public synchronized AnalysisResult analyse(DisplayableImage image, EncoderChoice choice, AdapterSelection chosen,
            ComputeTarget target, Progress progress, CancellationToken cancel) throws IOException {
        return analyse(image, InputSettings.defaults(), choice, chosen, target, progress, cancel);
    }

    /** As above, with the model input made by {@code input}'s recipe (default: {@link InputRecipe#DEFAULT}). */
    public synchronized AnalysisResult analyse(DisplayableImage image, InputSettings input, EncoderChoice choice,
            AdapterSelection chosen, ComputeTarget target, Progress progress,
            CancellationToken cancel) throws IOException {
        if (image.isColor()) {
            throw new IOException("This is a colour image; the encoders take greyscale radiographs.");
        }
        ensureLoaded(choice, target);
        if (cancel.isCancelled()) {
            throw new CancellationException("analysis cancelled");
        }
        return analyse(modelInput(image, input), choice, chosen, progress, cancel);
    }

    /**
     * The pooled embedding of {@code image} (the family's feature, as {@code raylens embed} writes it) with the loaded
     * model's weights SHA-256 and the recipe: what the similar-image search queries with.
     */
    public synchronized ImageEmbedding embed(DisplayableImage image, InputSettings input, EncoderChoice choice,
            ComputeTarget target) throws IOException {
        if (image.isColor()) {
            throw new IOException("This is a colour image; the encoders take greyscale radiographs.");
        }
        ensureLoaded(choice, target);
        EncoderOutput out = predictor.forward(modelInput(image, input).tensor(),
                org.raylens.inference.encoder.ForwardOptions.defaults());
        return new ImageEmbedding(out.pooled(0), weightsSha, input.recipe().id());
    }

    /** The model input of {@code image}: the recipe's 8-bit image (as the command line makes it), then the processor. */
    private ExplainInput modelInput(DisplayableImage image, InputSettings settings) throws IOException {
        RecipeInput.Grey grey = RecipeInput.of(image, settings.recipe(), settings.shown(), settings.userInvert());
        return Analysis.input(grey.image(), grey.provenance(), preprocessor, encoder.info().patchSize(),
                "image " + image.width() + "x" + image.height());
    }

    private AnalysisResult analyse(ExplainInput explainInput, EncoderChoice choice, AdapterSelection chosen,
            Progress progress, CancellationToken cancel) throws IOException {
        MapGeometry geometry = explainInput.geometry();
        int layers = encoder.info().layers();
        // One pass through the pipeline: every registered explainer without a head or a point reads its map from the
        // trace, which also keeps the attention the layers panel offers, the patch tokens (adapters) and the last
        // block's input (Grad-CAM starts there, on demand), each as far as the model's capabilities allow.
        boolean demo = choice instanceof EncoderChoice.Demo;
        // Random weights are marked wherever they come from: the demo encoder, or a folder that says it is synthetic.
        boolean randomWeights = demo || loaded != null && loaded.provenance().synthetic();
        String provenance = modelName + " sha256=" + weightsSha + "; " + explainInput.preprocessing();
        Analysis.Run run = analysis.analyse(context(), explainInput, progress, cancel);
        ForwardTrace trace = run.trace();
        EncoderOutput out = trace.output();
        AttentionByLayer maps = new AttentionByLayer(out.layout(), geometry, out.attentions(), out.attentionRows(), layers,
                provenance);
        if (cancel.isCancelled()) {
            throw new CancellationException("analysis cancelled");
        }
        Optional<AdapterScores> scores = Optional.empty();
        Optional<TokenHead> head = Optional.empty();
        Optional<MaskMap> mask = Optional.empty();
        List<String> adapterNames = new ArrayList<>();
        // the demo's scores and a fine-tuned model's own head are in-memory linear adapters: the same scoring and
        // head as a loaded one; a chosen adapter comes first
        Adapter classification = chosen.classification().isPresent() ? adapter(chosen.classification().get())
                : demo ? demoClassification() : bundledClassification().orElse(null);
        if (classification != null) {
            org.raylens.inference.adapter.Scores s = classification.score(out, 0);
            scores = Optional.of(new AdapterScores(classification.spec().name(), s.scores().stream()
                    .map(e -> new AdapterScores.Entry(e.label(), e.probability(), e.threshold())).toList()));
            head = Optional.of(classification.head());
            adapterNames.add(classification == demoClassification ? "adapter " + classification.spec().name()
                    : isBundled(classification) ? "the model's own head " + classification.spec().name()
                    + " (labels: " + loaded.bundledHead().orElseThrow().labelSource() + ")"
                    : "adapter " + classification.spec().name() + " (" + classification.folder() + ")");
        } else if (loaded != null) {
            // an imported model's own logits output: the same scores record, labels and activation from its manifest
            scores = ImportedOutputs.scores(loaded.outputs(), out, modelName);
            head = importedHead().map(Adapter::head);
            scores.ifPresent(s -> adapterNames.add("scores from " + s.adapter()));
        }
        Adapter segmentation = chosen.segmentation().isPresent() ? adapter(chosen.segmentation().get())
                : demo ? demoSegmentation() : null;
        if (segmentation != null) {
            mask = Optional.of(segmentation.segment(out, 0, geometry).get(0));
            adapterNames.add("segmentation " + segmentation.spec().name()
                    + (segmentation == demoSegmentation ? "" : " (" + segmentation.folder() + ")"));
        } else if (loaded != null) {
            mask = ImportedOutputs.mask(loaded.outputs(), out, geometry, modelName);
            mask.ifPresent(m -> adapterNames.add("mask from " + m.provenance()));
        }
        // kept without the rollout's prepared matrices (90 MB for a ViT-B at 518 px), which are no longer needed
        lastTrace = trace.withoutRollout();
        return new AnalysisResult(maps, run.maps(), scores, head, explainInput, modelName, weightsSha,
                explainInput.preprocessing(), randomWeights, mask, String.join("; ", adapterNames),
                unavailable(run));
    }

    /** What the model cannot give: by its capabilities, and what this run's trace showed (no patch grid). */
    private Map<String, String> unavailable(Analysis.Run run) {
        Map<String, String> all = new java.util.LinkedHashMap<>(analysis.unavailable(context()));
        run.skipped().forEach(all::putIfAbsent);
        return all;
    }

    /**
     * Loads the adapter folder for {@code choice} (loading that encoder if needed) and checks it was trained on it:
     * what the models panel's import does. The loaded adapter is kept for the next analysis.
     *
     * @throws org.raylens.inference.adapter.EncoderMismatchException when it belongs to another encoder
     * @throws org.raylens.inference.adapter.AdapterFormatException when the folder is not a valid adapter
     */
    public synchronized AdapterSpec checkAdapter(Path folder, EncoderChoice choice, ComputeTarget target)
            throws IOException {
        ensureLoaded(choice, target);
        return adapter(folder).spec();
    }

    private Adapter adapter(Path folder) throws IOException {
        Adapter a = adapters.get(folder);
        if (a == null) {
            // against the loaded encoder itself when there is one, so adapters on its pooled feature load too
            a = loaded != null ? Adapter.load(folder, loaded) : Adapter.load(folder, identity());
            adapters.put(folder, a);
        }
        return a;
    }

    private Adapter demoClassification() {
        if (demoClassification == null) {
            demoClassification = DemoEncoder.classificationAdapter();
        }
        return demoClassification;
    }

    /** The loaded model's own head, built once per encoder; empty for the demo and for models without one. */
    private Optional<Adapter> bundledClassification() {
        if (bundledClassification == null) {
            bundledClassification = loaded == null ? Optional.empty() : Adapter.bundled(loaded);
        }
        return bundledClassification;
    }

    /** An imported classifier's own logits as a head ({@link ImportedOutputs#logitsHead}), built once per encoder. */
    private Optional<Adapter> importedHead() {
        if (importedHead == null) {
            importedHead = ImportedOutputs.logitsHead(loaded).map(h -> Adapter.bundled(loaded, h));
        }
        return importedHead;
    }

    private boolean isBundled(Adapter a) {
        return bundledClassification != null && bundledClassification.orElse(null) == a;
    }

    private Adapter demoSegmentation() {
        if (demoSegmentation == null) {
            demoSegmentation = DemoEncoder.segmentationAdapter();
        }
        return demoSegmentation;
    }

    /** The loaded encoder as adapters name theirs; the demo's weights have no digest, so no adapter file fits it. */
    private EncoderIdentity identity() {
        if (loaded != null) {
            return EncoderIdentity.of(loaded);
        }
        EncoderInfo c = encoder.info();
        return new EncoderIdentity(DemoEncoder.NAME, c.hiddenSize(), c.patchSize(), c.registers(),
                EncoderIdentity.NOT_COMPUTED);
    }

    /**
     * Grad-CAM (at the last block's norm1, as pytorch-grad-cam and EVA-X do for ViTs) of the head's output
     * {@code label} for the image of {@code result}, through the analysis pipeline: {@link #headMap} at its defaults.
     */
    public PatchMap gradCam(AnalysisResult result, String label) {
        return headMap(result, GRAD_CAM, label, MethodParameters.NONE, Progress.NONE, CancellationToken.NONE);
    }

    /**
     * The map of a method that explains one class of the head ({@code method}: a CAM, occlusion, RISE) for output
     * {@code label} of the image of {@code result}. Blocking: for the last analysis's image it reads that analysis's
     * trace (a CAM: one block's differentiable tail and backward); for an older result the pipeline records a trace
     * of its own (about one forward more).
     */
    public synchronized PatchMap headMap(AnalysisResult result, String method, String label,
                                         MethodParameters parameters, Progress progress, CancellationToken cancel) {
        // a model without gradients has no CAM start in its trace: refuse in words before the pipeline would fail
        Optional<String> missing = result.unavailable(method);
        if (missing.isPresent()) {
            throw new MethodUnavailableException(method, missing.get());
        }
        TokenHead head = headOf(result);
        int output = output(head, label);
        // the last analysis's trace already holds the last block's input: only the tail and backward run
        if (lastTrace != null && lastTrace.input() == result.input()) {
            return analysis.headMap(lastTrace, method, head, output, parameters, progress, cancel).map();
        }
        return analysis.headMap(context(), result.input(), method, head, output, parameters, progress, cancel).map();
    }

    /**
     * The faithfulness metrics ({@link FaithfulnessMetrics}: deletion and insertion AUC, ROAD, and with a region the
     * pointing game and energy share) of {@code map}, a map of the image of {@code result}, for output {@code label}
     * of its head: what {@code raylens explain --metrics} computes, with the same options. Blocking; many forwards.
     */
    public synchronized FaithfulnessMetrics.Report metrics(AnalysisResult result, PatchMap map, String label,
            Region region, FaithfulnessMetrics.Options options, Progress progress, CancellationToken cancel) {
        TokenHead head = headOf(result);
        int output = output(head, label);
        return new FaithfulnessMetrics(ImageScorer.of(predictor, head, output), options)
                .evaluate(result.input().tensor(), map, region, progress, cancel);
    }

    private TokenHead headOf(AnalysisResult result) {
        TokenHead head = result.head().orElseThrow(() -> new IllegalStateException(
                "this needs a head to explain (an adapter, or a model's own logits); the active model has none"));
        if (predictor == null) {
            throw new IllegalStateException("the encoder of this result was closed; run the analysis again");
        }
        return head;
    }

    private static int output(TokenHead head, String label) {
        int output = head.labels().indexOf(label);
        if (output < 0) {
            throw new IllegalArgumentException("the head has no label '" + label + "'");
        }
        return output;
    }

    private ExplainContext context() {
        return ExplainContext.of(encoder, predictor, PositionEmbeddingInterpolation.HF);
    }

    private void ensureLoaded(EncoderChoice choice, ComputeTarget target) throws IOException {
        if (encoder != null && choice.equals(loadedChoice) && target.equals(loadedTarget)) {
            return;
        }
        close();
        // libtorch's thread count is process-wide, so the window (this service is its composition of the engine)
        // sets it here, before each model it loads, rather than inside the encoder: one thread for the small demo
        // model, where on a busy 2-core machine OpenMP barriers of several threads stall tiny matrix products for
        // seconds (seen while taking screenshots); every core for an imported model.
        TorchEngine.configure(target.isCpu() && !(choice instanceof EncoderChoice.Imported) ? 1 : 0);
        if (choice instanceof EncoderChoice.Imported imported) {
            loaded = Encoders.builder().folder(imported.folder()).device(target).identity(identity).build();
            encoder = loaded;
            preprocessor = loaded.preprocessor().orElse(PreprocessorConfig.radDino());
            modelName = imported.name();
            weightsSha = loaded.provenance().sha256();
        } else {
            encoder = DemoEncoder.build(target);
            preprocessor = DemoEncoder.preprocessor();
            modelName = DemoEncoder.NAME;
            weightsSha = "none (seeded random, seed " + DemoEncoder.SEED + ")";
        }
        predictor = encoder.newSession();
        loadedChoice = choice;
        loadedTarget = target;
    }

    @Override
    public synchronized void close() {
        adapters.values().forEach(Adapter::close);
        adapters.clear();
        if (demoSegmentation != null) {
            demoSegmentation.close();
            demoSegmentation = null;
        }
        if (demoClassification != null) {
            demoClassification.close();
            demoClassification = null;
        }
        if (bundledClassification != null) {
            bundledClassification.ifPresent(Adapter::close);
            bundledClassification = null;
        }
        if (importedHead != null) {
            importedHead.ifPresent(Adapter::close);
            importedHead = null;
        }
        if (predictor != null) {
            predictor.close();
            predictor = null;
        }
        if (encoder != null) {
            encoder.close();
        }
        loaded = null;
        encoder = null;
        loadedChoice = null;
        lastTrace = null;
    }
}
