package org.raylens.app.cli;

import org.raylens.app.embed.EmbedInput;
import org.raylens.app.embed.ViewerImageInputReader;

import org.raylens.inference.explain.metrics.FaithfulnessMetrics;
import org.raylens.inference.explain.Explainer;
import org.raylens.inference.explain.Explainers;
import org.raylens.inference.explain.MethodParameters;
import org.raylens.inference.explain.ExplainRequest;
import org.raylens.inference.explain.Explanation;
import org.raylens.inference.explain.TraceNeeds;
import org.raylens.app.analysis.Analysis;
import org.raylens.app.analysis.MethodAvailability;
import org.raylens.app.analysis.MethodUnavailableException;

import org.raylens.core.io.AtomicFiles;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.ModelProvenance;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.FeaturePca;
import org.raylens.inference.explain.HeadChoice;
import org.raylens.inference.explain.HeadFusion;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.explain.RolloutOptions;
import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.app.analysis.ImportedOutputs;
import org.raylens.inference.encoder.BundledHead;
import org.raylens.inference.model.ClassifierLabels;
import org.raylens.inference.head.TokenHead;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.io.NpyWriter;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.preprocess.GreyImage8;
import org.raylens.viewer.source.ImageSource;
import org.raylens.viewer.source.ImageSourceException;
import org.raylens.viewer.source.SourceNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code raylens explain}: one explanation map of one image by any method the {@link Explainers} registry knows
 * (attention, rollout, point, gradcam, gradcam++, pca and any registered through ServiceLoader), made by the
 * {@link Analysis} pipeline the window runs (one forward trace), written as the raw patch-grid map (.npy, before any normalisation) or
 * as a coloured overlay on the source image (.png). The provenance line goes beside the output.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain one image with a registered method (see --method); writes map.npy or map.png.",
        footer = {"", "Several images or folders make a batch: one map per image in the --out folder; an image that"
            + " fails is listed at the end and in OUT.failures.csv, and the others are explained.",
            "", "Exit status: 0 done; 3 batch finished, but some images failed (listed); 2 unreadable input, or a"
            + " method the model cannot give (e.g. attention of a model without attention maps); 64 usage error."})
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    InputRecipeOption inputRecipe;

    @Mixin
    ExplainMetricsOptions metrics;

    @Parameters(arity = "0..*", paramLabel = "IMAGE_OR_FOLDER",
            description = "image: DICOM, PNG, JPEG or TIFF, as a path or a file: URI (#frame=N for one frame of a"
                    + " multi-frame file), or use --input; several images or folders (searched recursively) make a"
                    + " batch: --out is then a folder")
    List<String> imageArguments;

    /** {@link #imageArguments} read as sources, at the start of {@link #call}. */
    private List<ImageArgument> images;


    @Option(names = "--input", description = "an already-normalised (1,)3,H,W float32 .npy instead of an image")
    Path tensorFile;

    @Option(names = "--method", required = true, description = "one of the registered methods: ${COMPLETION-CANDIDATES}",
            completionCandidates = MethodNames.class)
    String method;

    /** The registered explainers' names, for the help text. */
    static final class MethodNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Explainers.load().names().iterator();
        }
    }

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "a method's own parameter (repeatable), by method: ${COMPLETION-CANDIDATES}",
            completionCandidates = MethodParameterHelp.class)
    List<String> parameters = new java.util.ArrayList<>();

    /** Each registered method's parameters with their defaults, for the help text. */
    static final class MethodParameterHelp implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Explainers.load().all().stream().filter(e -> !e.parameters().isEmpty())
                    .map(e -> e.name() + ": " + String.join("; ", e.parameters().stream()
                            .map(org.raylens.inference.explain.MethodParameters.Spec::describe).toList()))
                    .iterator();
        }
    }

    /** The pipeline the window's Analyse runs too, so both make the same maps of the same image. */
    private final Analysis analysis = Analysis.standard();
    private final Explainers explainers = analysis.explainers();
    private final ImageInputs sources = new ImageInputs();

    @Option(names = "--layer", description = "0-based layer for attention/point (negative counts from the end; default last)")
    Integer layer;

    @Option(names = "--head", description = "attention head for attention/point (default: mean over heads)")
    Integer head;

    @Option(names = "--class", defaultValue = "0",
            description = "output (class) index for the methods that explain a head: the CAMs, occlusion, rise (default 0)")
    int outputIndex;

    @Option(names = "--point", description = "x,y in source-image pixels for --method point")
    String point;

    @Option(names = "--fusion", defaultValue = "mean", description = "rollout head fusion: mean, max or min")
    String fusion;

    @Option(names = "--discard", defaultValue = "0", description = "rollout: fraction of the smallest attentions dropped")
    double discard;

    @Option(names = "--target",
            description = "gradcam layer, named by the encoder family (default: the family's first); DINOv2 and EVA-X:"
                    + " norm1 (last block's first LayerNorm, default), block-input (alias block-in: the last block's"
                    + " input), DINOv2 also block-output; an imported TorchScript model: feature-map")
    String target;

    @Option(names = "--mask", defaultValue = "none", description = "pca foreground mask: none, zero or otsu")
    String mask;

    @Option(names = "--head-weights", description = "gradcam without an adapter: (K, D) .npy of a linear head on CLS")
    Path headWeights;

    @Option(names = "--head-bias", description = "gradcam without an adapter: (K,) .npy bias of that head")
    Path headBias;

    @Option(names = "--adapter", description = "adapter folder whose head gradcam explains (default: the model's own"
            + " classification head, when its checkpoint has one)")
    Path adapter;

    @Option(names = "--labels", description = "names for the outputs of the model's own head or of --head-weights: a"
            + " labels.txt (one name a line) or comma-separated names")
    String labels;

    @Option(names = "--interpolation", defaultValue = "hf", converter = InterpolationConverter.class,
            description = "position-embedding interpolation for non-native sizes: " + InterpolationConverter.NAMES)
    PositionEmbeddingInterpolation interpolation;

    @Option(names = "--out", required = true,
            description = "map.npy (raw grid map) or map.png (overlay); for a batch, a folder of one map per image")
    Path out;

    @Option(names = "--format", defaultValue = "png",
            description = "for a batch: png (overlays, default) or npy (raw maps)")
    String format;

    /** A bad option value, reported as a usage error. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        images = ImageArgument.parseAll(spec, imageArguments);
        try {
            checkOptions();
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return CliExitCodes.USAGE;
        }
        PositionEmbeddingInterpolation interp = interpolation;
        try (Encoder model = modelOptions.load(err); EncoderSession predictor = model.newSession()) {
            ExplainContext ctx = ExplainContext.of(model, predictor, interp);
            // a method the model cannot give (no attention maps, no gradients) is refused before any image is read
            Explainer chosen = explainers.find(method).orElseThrow();
            java.util.Optional<String> missing = MethodAvailability.missing(chosen,
                    ExplainRequest.defaults(ctx.numLayers()), model.capabilities());
            if (missing.isPresent()) {
                err.println("error: --method " + new MethodUnavailableException(chosen.name(), missing.get())
                        .getMessage() + " (encoder family " + model.info().family() + ")");
                return CliExitCodes.UNREADABLE;
            }
            if (isBatch()) {
                return explainBatch(ctx, model, err, stdout);
            }
            ImageArgument image = images == null || images.isEmpty() ? null : images.get(0);
            Source src;
            try {
                src = image != null ? fromImage(sources.open(image), model, ctx, err) : fromTensor(ctx);
            } catch (IOException | ImageSourceException e) {
                err.println("error: " + e.getMessage());
                return CliExitCodes.UNREADABLE;
            }
            Result r;
            try {
                r = explain(ctx, src.input(), model);
            } catch (UsageException | IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                return CliExitCodes.USAGE;
            } catch (IOException e) {
                // an adapter or head file that cannot be read, or an adapter trained on another encoder
                err.println("error: " + e.getMessage());
                return CliExitCodes.UNREADABLE;
            }
            write(out, r, src.background(), model.provenance(), src.name());
            printWritten(stdout, out, r);
            if (r.metrics() != null) {
                ExplainMetricsOptions.report(stdout, out, r.map(), r.metrics());
            }
            return CliExitCodes.OK;
        }
    }

    private static void printWritten(PrintWriter stdout, Path file, Result r) {
        float[] range = r.map().range();
        stdout.printf(Locale.ROOT, "wrote %s: %s %dx%d, %s; range [%.6g, %.6g]%nprovenance: %s%n", file,
                r.map().method(), r.map().rows(), r.map().cols(), r.map().description(), range[0], range[1],
                r.map().provenance());
        stdout.flush();
    }

    /** Several images, or a folder: one map per image into the --out folder; a failing image never stops the rest. */
    private boolean isBatch() {
        return images != null && (images.size() > 1 || images.stream().anyMatch(ImageInputs::isFolder));
    }

    private int explainBatch(ExplainContext ctx, Encoder model, PrintWriter err, PrintWriter stdout)
            throws IOException {
        BatchFailures failures = new BatchFailures();
        ViewerImageInputReader reader = new ViewerImageInputReader(inputRecipe.recipe());
        List<ImageSource> files = sources.collect(images, reader::accepts, failures);
        Files.createDirectories(out);
        String ext = "." + format.toLowerCase(Locale.ROOT);
        java.util.Set<String> used = new java.util.HashSet<>();
        int written = 0;
        try (ConsoleProgressBar bar = ConsoleProgressBar.everywhere(err, "explaining", 5)) {
            for (int i = 0; i < files.size(); i++) {
                ImageSource f = files.get(i);
                bar.report(i, files.size(), f.displayName());
                Path target = out.resolve(uniqueName(f, ext, used));
                try {
                    Source src = fromImage(f, model, ctx, err);
                    Result r = explain(ctx, src.input(), model);
                    write(target, r, src.background(), model.provenance(), src.name());
                    if (r.metrics() != null) {
                        ExplainMetricsOptions.report(stdout, target, r.map(), r.metrics());
                    }
                    written++;
                } catch (UsageException e) {
                    // an option that cannot apply (e.g. a --point outside the image) is the batch's, not the file's
                    err.println("error: " + e.getMessage());
                    return CliExitCodes.USAGE;
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    // an OutOfMemoryError here is this image's own buffers: the next image is tried
                    BatchFailures.Failure failure = failures.add(SourceNames.of(f), e);
                    bar.println("failed " + f + ": " + failure.error() + ": " + failure.message());
                }
                bar.report(i + 1, files.size(), f.displayName());
            }
        }
        stdout.printf("explained %d image(s), %d failed: %s%n", written, failures.size(), out);
        stdout.flush();
        failures.report(err, out);
        return failures.exitCode();
    }

    /** The map's name in the batch folder: the image's name with the map's extension, numbered when taken. */
    private static String uniqueName(ImageSource image, String ext, java.util.Set<String> used) {
        String stem = org.raylens.app.export.ExportNames.stem(image);
        stem = stem.isEmpty() ? "image" : stem;
        String candidate = stem + ext;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = stem + "-" + n + ext;
        }
        return candidate;
    }

    private void checkOptions() throws UsageException {
        if (modelOptions.model == null) {
            throw new UsageException("--model is required");
        }
        boolean anyImage = images != null && !images.isEmpty();
        if (anyImage == (tensorFile != null)) {
            throw new UsageException("give an image or --input x.npy (exactly one)");
        }
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (isBatch()) {
            if (!List.of("png", "npy").contains(format.toLowerCase(Locale.ROOT))) {
                throw new UsageException("--format must be png or npy");
            }
            if (Files.isRegularFile(out)) {
                throw new UsageException("with several images, --out must be a folder; " + out + " is a file");
            }
        } else if (!name.endsWith(".npy") && !name.endsWith(".png")) {
            throw new UsageException("--out must end in .npy (raw map) or .png (overlay)");
        }
        Explainer e = explainers.find(method).orElseThrow(() -> new UsageException("unknown --method '" + method
                + "'; registered: " + String.join(", ", explainers.names())));
        if (e.needsPoint() && point == null) {
            throw new UsageException("--method " + e.name() + " needs --point x,y (source-image pixels)");
        }
        try {
            List<String> unknown = MethodParameters.parse(parameters).unknownTo(e);
            if (!unknown.isEmpty()) {
                throw new UsageException("--method " + e.name() + " has no parameter " + String.join(", ", unknown)
                        + (e.parameters().isEmpty() ? " (it takes none)" : "; it takes " + String.join(", ",
                        e.parameters().stream().map(MethodParameters.Spec::name).toList())));
            }
        } catch (IllegalArgumentException bad) {
            throw new UsageException(bad.getMessage());
        }
    }


    /** @param name the input named for provenance: an image's source URI, or the --input tensor file's */
    private record Source(ExplainInput input, GreyImage8 background, String name) {
    }

    private record Result(PatchMap map, float[] rgb, FaithfulnessMetrics.Report metrics) {
    }

    private Source fromImage(ImageSource image, Encoder model, ExplainContext ctx, PrintWriter err)
            throws IOException {
        EmbedInput in = new ViewerImageInputReader(inputRecipe.recipe()).read(image);
        if (in instanceof EmbedInput.Grey g) {
            PreprocessorConfig pc = model.preprocessor().orElseGet(() -> {
                err.println("note: no preprocessor_config.json in the model folder; using RAD-DINO's settings");
                return PreprocessorConfig.radDino();
            });
            return new Source(Analysis.input(g.image(), g.provenance(), pc, ctx.patchSize(), image.displayName()),
                    g.image(), SourceNames.of(image));
        }
        throw new IOException(image + ": not an image the viewer can open");
    }

    private Source fromTensor(ExplainContext ctx) throws IOException {
        FloatTensor t = NpyReader.read(tensorFile);
        ExplainInput ei;
        try {
            ei = ExplainInput.ofTensor(t, ctx.patchSize(), "npy tensor " + tensorFile.getFileName() + " used as given");
        } catch (IllegalArgumentException e) {
            throw new IOException(tensorFile + ": " + e.getMessage(), e);
        }
        return new Source(ei, channelZero(ei.tensor()), SourceNames.of(tensorFile));
    }

    /** The first channel of a normalised tensor, min–max to 8 bits: the overlay's background for --input. */
    private static GreyImage8 channelZero(FloatTensor t) {
        int h = t.dim(2);
        int w = t.dim(3);
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < h * w; i++) {
            lo = Math.min(lo, t.data()[i]);
            hi = Math.max(hi, t.data()[i]);
        }
        byte[] px = new byte[h * w];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) Math.round(hi > lo ? 255 * (t.data()[i] - lo) / (hi - lo) : 0);
        }
        return new GreyImage8(w, h, px);
    }

    private Result explain(ExplainContext ctx, ExplainInput in, Encoder model) throws UsageException, IOException {
        Explainer explainer = metrics.configure(explainers.find(method)
                .orElseThrow(() -> new UsageException("unknown --method " + method)));
        int layers = ctx.numLayers();
        int l = layer == null ? layers - 1 : (layer < 0 ? layer + layers : layer);
        HeadChoice heads = head == null ? HeadChoice.MEAN : HeadChoice.of(head);
        HeadFusion f;
        try {
            f = HeadFusion.valueOf(fusion.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--fusion must be mean, max or min");
        }
        FeaturePca.Threshold th;
        try {
            th = FeaturePca.Threshold.valueOf(mask.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--mask must be none, zero or otsu");
        }
        // the encoder family names its layers (DINOv2: norm1, block-input); "block-in" is the option's older spelling
        // not given: the family's default layer (the first it lists), so a family without a norm1 needs no --target
        String given = target == null ? null : target.toLowerCase(Locale.ROOT);
        String camLayer = "block-in".equals(given) ? "block-input" : given;
        // a method that starts no CAM (occlusion, RISE) runs on models without gradients: --target is not its business
        if ((explainer.needs(ExplainRequest.defaults(layers)).camInput() || model.capabilities().gradients())
                && model.capabilities().gradientLayer(camLayer).isEmpty()) {
            throw new UsageException("--target must be one of " + model.capabilities().gradientLayerNames()
                    + (model.capabilities().gradients() ? "" : " (this encoder gives no gradients)"));
        }
        double[] xy = explainer.needsPoint() ? parsePoint() : null;
        try (HeadHandle h = explainer.needsHead() || metrics.enabled() ? head(model) : null) {
            ExplainRequest request = new ExplainRequest(l, heads, xy, new RolloutOptions(f, discard), th, camLayer,
                    h == null ? null : h.head(), outputIndex, MethodParameters.parse(parameters));
            Explanation e = analysis.run(ctx, in, List.of(explainer), request, TraceNeeds.tokens(), Progress.NONE,
                    CancellationToken.NONE).maps().get(explainer.name());
            String parameterNote = request.parameters().describe();
            PatchMap m = e.map();
            if (h != null) {
                m = new PatchMap(m.method(), m.description(), m.rows(), m.cols(), m.channels(), m.values(),
                        m.geometry(), m.provenance() + "; " + h.describe());
            }
            if (!parameterNote.isEmpty()) {
                m = new PatchMap(m.method(), m.description(), m.rows(), m.cols(), m.channels(), m.values(),
                        m.geometry(), m.provenance() + "; parameters " + parameterNote);
            }
            return new Result(m, e.rgb(), metrics.enabled()
                    ? metrics.evaluate(ctx.session(), h.head(), outputIndex, in.tensor(), m) : null);
        }
    }

    private double[] parsePoint() throws UsageException {
        String[] xy = point.split(",");
        if (xy.length != 2) {
            throw new UsageException("--point must be x,y");
        }
        try {
            return new double[]{Double.parseDouble(xy[0].trim()), Double.parseDouble(xy[1].trim())};
        } catch (NumberFormatException e) {
            throw new UsageException("--point must be two numbers x,y, got " + point);
        }
    }

    /**
     * The head Grad-CAM explains (always an adapter's linear or other head, whose parameters it holds open) and where
     * it came from, appended to the map's provenance.
     */
    record HeadHandle(Adapter adapter, String describe) implements AutoCloseable {
        TokenHead head() {
            return adapter.head();
        }

        @Override
        public void close() {
            adapter.close();
        }
    }

    private HeadHandle head(Encoder model) throws UsageException, IOException {
        if (adapter != null) {
            if (labels != null) {
                throw new UsageException("--labels names the outputs of the model's own head or of --head-weights;"
                        + " an adapter names its own");
            }
            // loading checks that the adapter was trained on this encoder (weights SHA-256, shapes)
            Adapter a = Adapter.load(adapter, model);
            return new HeadHandle(a, a.provenance());
        }
        if (headWeights == null && headBias == null) {
            return ownHead(model);
        }
        if (headWeights == null || headBias == null) {
            throw new UsageException("--head-weights w.npy and --head-bias b.npy go together");
        }
        FloatTensor w = NpyReader.read(headWeights);
        FloatTensor b = NpyReader.read(headBias);
        if (w.rank() != 2 || b.rank() != 1 || b.dim(0) != w.dim(0)) {
            throw new UsageException("--head-weights must be (K, D) and --head-bias (K,), got "
                    + java.util.Arrays.toString(w.shape()) + " and " + java.util.Arrays.toString(b.shape()));
        }
        if (w.dim(1) != model.info().hiddenSize()) {
            throw new UsageException("--head-weights has D=" + w.dim(1) + ", the encoder's hidden size is "
                    + model.info().hiddenSize());
        }
        // the same linear probe a linear adapter folder holds, on the CLS token
        var builder = Adapter.linearProbe().setEncoder(EncoderIdentity.of(model)).setWeights(w.data(), b.data())
                .optName("linear head " + headWeights.getFileName()).optOrigin(headWeights);
        if (labels != null) {
            builder.optLabels(labelNames(b.dim(0)));
        }
        return new HeadHandle(builder.build(), "linear head on CLS from " + headWeights.getFileName() + " + "
                + headBias.getFileName());
    }

    /** The classification head that came with the model's weights (a fine-tuned checkpoint's), on its pooled feature. */
    private HeadHandle ownHead(Encoder model) throws UsageException, IOException {
        // an imported classifier's own logits are its head too (ImportedOutputs#logitsHead)
        BundledHead own = model.bundledHead().or(() -> ImportedOutputs.logitsHead(model)).orElseThrow(() -> new UsageException("gradcam, the gradient methods and --metrics need a head: --adapter"
                + " <folder> or --head-weights w.npy --head-bias b.npy (this model's weights bring no classification"
                + " head of their own)"));
        if (labels != null) {
            own = own.withLabels(labelNames(own.classes()), "--labels");
        }
        Adapter a = Adapter.bundled(model, own);
        return new HeadHandle(a, "the model's own head " + own.name() + " on its pooled feature (labels: "
                + own.labelSource() + ")");
    }

    /** --labels as a file of names, one a line, or as comma-separated names; one per output. */
    private List<String> labelNames(int outputs) throws UsageException, IOException {
        Path file = Path.of(labels);
        List<String> names = Files.isRegularFile(file) ? ClassifierLabels.readLabelsFile(file)
                : java.util.Arrays.stream(labels.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
        if (names.size() != outputs) {
            throw new UsageException("--labels gives " + names.size() + " names; the head has " + outputs
                    + " outputs");
        }
        return names;
    }

    /** The map (atomically, as every output) and its provenance sidecar, which first names the image. */
    private static void write(Path out, Result r, GreyImage8 background, ModelProvenance model, String image)
            throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        PatchMap m = r.map();
        if (out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            long[] shape = m.channels() == 1 ? new long[]{m.rows(), m.cols()} : new long[]{m.rows(), m.cols(), m.channels()};
            NpyWriter.write(out, new FloatTensor(m.values(), shape));
        } else {
            MapOverlayPng.write(out, background, m, model, image);
        }
        AtomicFiles.writeString(out.resolveSibling(out.getFileName() + ".provenance.txt"),
                "image: " + image + System.lineSeparator() + m.provenance() + System.lineSeparator());
    }
}
