package org.raylens.app.cli;

import org.raylens.app.embed.EmbedInput;
import org.raylens.app.embed.ViewerImageInputReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.raylens.app.RayLensVersion;
import org.raylens.app.analysis.Analysis;
import org.raylens.app.analysis.MethodUnavailableException;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.adapter.AdapterTask;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.adapter.MaskMap;
import org.raylens.inference.adapter.Scores;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.explain.ExplainContext;
import org.raylens.inference.explain.ExplainInput;
import org.raylens.inference.explain.ExplainRequest;
import org.raylens.inference.explain.Explainer;
import org.raylens.inference.explain.ForwardTrace;
import org.raylens.inference.explain.TraceNeeds;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.overlays.export.ExportException;
import org.raylens.overlays.export.dicom.AlgorithmIdentity;
import org.raylens.overlays.export.dicom.Linkage;
import org.raylens.overlays.export.dicom.ParametricMap;
import org.raylens.overlays.export.dicom.ScoresReport;
import org.raylens.overlays.export.dicom.Segmentation;
import org.raylens.overlays.export.dicom.SourceImage;
import org.raylens.overlays.layer.MaskLayer;
import org.raylens.viewer.dicom.DicomFile;
import org.raylens.viewer.source.ImageSource;
import org.raylens.viewer.source.ImageSourceException;
import org.raylens.viewer.source.SourceNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code raylens export-dicom}: an AI result of one DICOM image as a DICOM object other tools read — a Parametric Map
 * of an explanation map ({@code pmap}), a Segmentation of a segmentation adapter's mask ({@code seg}), or a
 * Comprehensive SR of a classification adapter's scores ({@code sr}) — made by the one {@link Analysis} pipeline that
 * {@code explain} and the window run, and written by the overlays module's DICOM writers.
 */
@Command(name = "export-dicom", mixinStandardHelpOptions = true,
        description = "Write a Parametric Map (pmap), Segmentation (seg) or SR (sr) of one DICOM image's result.",
        footer = {"", "Exit status: 0 written; 2 unreadable input, or a combination that cannot be made (seg without a"
            + " segmentation adapter, sr without a classification adapter, a method the model cannot give, a source"
            + " that is not DICOM); 64 usage error."})
public final class ExportDicomCommand implements Callable<Integer> {

    /** What to export. */
    enum What { pmap, seg, sr }

    /**
     * The asked-for export cannot be made from these inputs (not a usage slip: the options are well formed but the
     * model, adapter or image cannot give it). Exit status 2.
     */
    static final class ExportCombinationException extends Exception {
        ExportCombinationException(String message) {
            super(message);
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    InputRecipeOption inputRecipe;

    @Parameters(index = "0", paramLabel = "IMAGE",
            description = "a DICOM image, as a path or a file: URI (#frame=N for one frame of a multi-frame file)")
    String imageArgument;

    @Option(names = "--adapter", description = "adapter folder: a segmentation adapter for seg, a classification"
            + " adapter for sr (and the head Grad-CAM explains)")
    Path adapter;

    @Option(names = "--what", required = true, description = "pmap, seg or sr")
    What what;

    @Option(names = "--method", defaultValue = "attention",
            description = "for pmap: a registered method (attention, rollout, gradcam, …; default attention)")
    String method;

    @Option(names = "--class", defaultValue = "0", description = "for pmap with gradcam/gradcam++: the output index")
    int outputIndex;

    @Option(names = "--fractional", description = "for seg: store the probabilities (FRACTIONAL) instead of the mask")
    boolean fractional;

    @Option(names = "--deidentify", description = "no patient or study attributes, all UIDs replaced (default: linked"
            + " to the source's patient, study and instance)")
    boolean deidentify;

    @Option(names = "--force", description = "replace an existing --out file")
    boolean force;

    @Option(names = "--out", required = true, description = "the DICOM file to write (.dcm)")
    Path out;

    private final Analysis analysis = Analysis.standard();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (modelOptions.model == null) {
            err.println("error: --model is required");
            return CliExitCodes.USAGE;
        }
        Optional<Explainer> explainer = analysis.explainers().find(method);
        if (what == What.pmap && explainer.isEmpty()) {
            err.println("error: unknown --method '" + method + "'; registered: "
                    + String.join(", ", analysis.explainers().names()));
            return CliExitCodes.USAGE;
        }
        try {
            checkCombination(explainer.orElse(null));
            ImageSource image = new ImageInputs().open(ImageArgument.parse(imageArgument,
                    org.raylens.viewer.source.ImageSourceRegistry.fromServiceLoader()));
            SourceImage source = source(image);
            try (Encoder model = modelOptions.load(err); EncoderSession session = model.newSession();
                 Adapter a = adapter == null ? null : Adapter.load(adapter, EncoderIdentity.of(model))) {
                checkAdapterTask(a);
                ExplainContext ctx = ExplainContext.of(model, session);
                ExplainInput input = input(image, model, ctx, err);
                AlgorithmIdentity identity;
                Path parent = out.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Linkage linkage = deidentify ? Linkage.DEIDENTIFIED : Linkage.LINKED;
                String modelName = modelOptions.model.getFileName().toString();
                String sha = model.provenance().sha256();
                String version = RayLensVersion.current().version();
                switch (what) {
                    case pmap -> {
                        PatchMap map = map(ctx, input, explainer.get(), a);
                        identity = new AlgorithmIdentity(map.method(), modelName, sha, map.provenance(), version);
                        ParametricMap.write(new ParametricMap.Request(source, map, identity, linkage, force), out);
                    }
                    case seg -> {
                        List<MaskMap> masks = a.segment(trace(ctx, input).output(), 0, input.geometry());
                        identity = new AlgorithmIdentity(a.spec().name(), modelName, sha,
                                masks.get(0).provenance(), version);
                        List<Segmentation.Segment> segments = masks.stream().map(m -> Segmentation.Segment.of(
                                m.label(), MaskLayer.DEFAULT_COLOUR & 0xFFFFFF, m.width(), m.height(),
                                m.probability(), m.threshold())).toList();
                        Segmentation.write(new Segmentation.Request(source, segments, fractional, identity, linkage,
                                force), out);
                    }
                    case sr -> {
                        Scores scores = a.score(trace(ctx, input).output(), 0);
                        identity = new AlgorithmIdentity(a.spec().name(), modelName, sha, scores.provenance(),
                                version);
                        ScoresReport.write(new ScoresReport.Request(source, scores.scores().stream()
                                .map(s -> new ScoresReport.Score(s.label(), s.probability(), s.threshold(), s.above()))
                                .toList(), identity, linkage, force), out);
                    }
                    default -> throw new IllegalStateException(what.name());
                }
                stdout.printf(Locale.ROOT, "wrote %s: %s of %s (%s)%n", out, what, SourceNames.of(image),
                        linkage == Linkage.LINKED ? "linked to the source" : "de-identified");
                stdout.flush();
                return CliExitCodes.OK;
            }
        } catch (ExportCombinationException | MethodUnavailableException e) {
            err.println("error: " + e.getMessage());
            return CliExitCodes.UNREADABLE;
        } catch (ImageSourceException | ExportException e) {
            err.println("error: " + e.getMessage());
            return CliExitCodes.UNREADABLE;
        } catch (IOException e) {
            // an adapter folder that cannot be read, or one trained on another encoder
            err.println("error: " + e.getMessage());
            return CliExitCodes.UNREADABLE;
        }
    }

    /** What can be refused before the model loads: an export without the adapter it needs. */
    private void checkCombination(Explainer explainer) throws ExportCombinationException {
        if (what == What.seg && adapter == null) {
            throw new ExportCombinationException("--what seg needs --adapter with a segmentation adapter");
        }
        if (what == What.sr && adapter == null) {
            throw new ExportCombinationException("--what sr needs --adapter with a classification adapter");
        }
        if (what == What.pmap && explainer.needsHead() && adapter == null) {
            throw new ExportCombinationException("--method " + explainer.name() + " explains a class of a head:"
                    + " give --adapter with a classification adapter");
        }
        if (what == What.pmap && explainer.needsPoint()) {
            throw new ExportCombinationException("--method " + explainer.name() + " needs a point; export-dicom"
                    + " exports maps of the whole image (attention, rollout, gradcam, …)");
        }
    }

    private void checkAdapterTask(Adapter a) throws ExportCombinationException {
        if (a == null) {
            return;
        }
        boolean segmentation = a.spec().task() == AdapterTask.SEGMENTATION;
        if (what == What.seg && !segmentation) {
            throw new ExportCombinationException("--what seg needs a segmentation adapter; " + adapter + " is a "
                    + a.spec().task().jsonName() + " adapter");
        }
        if ((what == What.sr || what == What.pmap) && segmentation) {
            throw new ExportCombinationException("--what " + what + " needs a classification adapter; " + adapter
                    + " is a segmentation adapter (export it with --what seg)");
        }
    }

    /** The DICOM header behind the image argument and the frame it names. */
    private static SourceImage source(ImageSource image) throws ImageSourceException, ExportCombinationException {
        Optional<DicomFile> header = image.header();
        if (header.isEmpty()) {
            throw new ExportCombinationException(image.displayName() + " is not a DICOM image: DICOM results"
                    + " reference their source by its UIDs (use explain for PNG, JPEG or TIFF)");
        }
        return SourceImage.of(header.get().dataset(), image.uri());
    }

    private ExplainInput input(ImageSource image, Encoder model, ExplainContext ctx, PrintWriter err)
            throws IOException {
        EmbedInput in = new ViewerImageInputReader(inputRecipe.recipe()).read(image);
        if (in instanceof EmbedInput.Grey g) {
            PreprocessorConfig pc = model.preprocessor().orElseGet(() -> {
                err.println("note: no preprocessor_config.json in the model folder; using RAD-DINO's settings");
                return PreprocessorConfig.radDino();
            });
            return Analysis.input(g.image(), g.provenance(), pc, ctx.patchSize(), image.displayName());
        }
        throw new IOException(image + ": not an image the viewer can open");
    }

    /** One forward through the pipeline, keeping the tokens the adapters read. */
    private ForwardTrace trace(ExplainContext ctx, ExplainInput input) {
        return analysis.run(ctx, input, List.of(), ExplainRequest.defaults(ctx.numLayers()), TraceNeeds.tokens(),
                Progress.NONE, CancellationToken.NONE).trace();
    }

    /** The map by the pipeline, as explain makes it: defaults for layer and heads, the adapter's head for CAMs. */
    private PatchMap map(ExplainContext ctx, ExplainInput input, Explainer explainer, Adapter a) {
        if (explainer.needsHead()) {
            PatchMap m = analysis.headMap(ctx, input, explainer.name(), a.head(), outputIndex).map();
            return new PatchMap(m.method(), m.description(), m.rows(), m.cols(), m.channels(), m.values(),
                    m.geometry(), m.provenance() + "; " + a.provenance());
        }
        return analysis.run(ctx, input, List.of(explainer), ExplainRequest.defaults(ctx.numLayers()),
                TraceNeeds.tokens(), Progress.NONE, CancellationToken.NONE).maps().get(explainer.name()).map();
    }
}
