package org.raylens.inference.family.imported;

import ai.djl.Device;
import org.raylens.inference.encoder.BundledHead;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderFamily;
import org.raylens.inference.encoder.EncoderLoadSettings;
import org.raylens.inference.encoder.ModelProvenance;
import org.raylens.inference.encoder.Precision;
import org.raylens.inference.model.ModelLoadException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the TorchScript and ONNX families share: a model folder is a graph file plus {@code model.json}
 * (docs/model-format.md). Each family is the same loader bound to one {@link ImportEngine}.
 *
 * <p>Ranking. A folder whose manifest names this engine's file: {@value #PREFERRED} when this engine is the one to
 * use (the manifest's {@code files.prefer}, else TorchScript when both files are named, since gradients come from
 * TorchScript only), {@value #ALSO_NAMED} when the other engine is preferred — both above every native family
 * (DINOv2 says at most 100), so a folder that also holds a config.json still loads as its manifest says. A graph file
 * given directly, with a manifest beside it, picks its engine: {@value #FILE_GIVEN}. A graph file of this engine's
 * kind without a manifest: {@value #MANIFEST_MISSING}, just enough that loading explains what the manifest needs
 * instead of "no family can load this"; an unreadable manifest: {@value #MANIFEST_UNREADABLE}. A {@code torch.save} checkpoint is never this family's (EVA-X reads those).
 */
public abstract class ImportedFamily implements EncoderFamily {
    static final int FILE_GIVEN = 250;
    static final int PREFERRED = 200;
    static final int ALSO_NAMED = 150;
    static final int MANIFEST_MISSING = 2;
    /**
     * A model.json that cannot be read still marks an import folder: above a native family's "weights I cannot read"
     * (1), so that the manifest's typed error is the one shown, not EVA-X's failure to read a TorchScript zip.
     */
    static final int MANIFEST_UNREADABLE = 3;

    private final ImportEngine engine;

    protected ImportedFamily(ImportEngine engine) {
        this.engine = engine;
    }

    public ImportEngine engine() {
        return engine;
    }

    @Override
    public String name() {
        return engine.key();
    }

    private ModelFiles.Kind wantedKind() {
        return engine == ImportEngine.TORCHSCRIPT ? ModelFiles.Kind.TORCHSCRIPT : ModelFiles.Kind.ONNX;
    }

    @Override
    public Support supports(Path location) {
        if (Files.isRegularFile(location)) {
            if (ImportEngine.byFileName(location.getFileName().toString()) != engine) {
                return Support.cannot("not a " + engine.extension() + " file");
            }
            ModelFiles.Kind kind = ModelFiles.kind(location);
            if (kind != wantedKind()) {
                return Support.cannot(location.getFileName() + " is " + ModelFiles.describe(kind));
            }
            Path manifest = manifestBeside(location);
            return Files.isRegularFile(manifest)
                    ? new Support(FILE_GIVEN, location.getFileName() + " with " + ImportManifest.FILE_NAME + " beside it")
                    : new Support(MANIFEST_MISSING, location.getFileName() + " has no " + ImportManifest.FILE_NAME
                    + " beside it; loading will say what it needs");
        }
        if (!Files.isDirectory(location)) {
            return Support.cannot("no such folder");
        }
        Path manifest = location.resolve(ImportManifest.FILE_NAME);
        if (Files.isRegularFile(manifest)) {
            ImportManifest m;
            try {
                m = ManifestReader.read(manifest);
            } catch (ModelLoadException e) {
                return new Support(MANIFEST_UNREADABLE, ImportManifest.FILE_NAME + " cannot be read (" + e.getMessage()
                        + "); loading will say why");
            }
            if (!m.files().containsKey(engine)) {
                return Support.cannot(ImportManifest.FILE_NAME + " names no files." + engine.key());
            }
            return m.prefer() == engine
                    ? new Support(PREFERRED, ImportManifest.FILE_NAME + " names files." + engine.key())
                    : new Support(ALSO_NAMED, ImportManifest.FILE_NAME + " names files." + engine.key() + " but prefers "
                    + m.prefer().key());
        }
        List<Path> graphs = graphFiles(location);
        if (graphs.isEmpty()) {
            return Support.cannot("no " + ImportManifest.FILE_NAME + " and no " + (engine == ImportEngine.ONNX
                    ? ".onnx graph" : "TorchScript archive") + " in the folder");
        }
        return new Support(MANIFEST_MISSING, graphs.get(0).getFileName() + " without " + ImportManifest.FILE_NAME
                + "; loading will say what it needs");
    }

    private List<Path> graphFiles(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> ImportEngine.byFileName(p.getFileName().toString()) == engine)
                    .filter(p -> ModelFiles.kind(p) == wantedKind()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Path manifestBeside(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent.resolve(ImportManifest.FILE_NAME);
    }

    @Override
    public Encoder load(Path location, EncoderLoadSettings settings) throws IOException {
        boolean fileGiven = Files.isRegularFile(location);
        Path manifestFile = fileGiven ? manifestBeside(location) : location.resolve(ImportManifest.FILE_NAME);
        if (!Files.isRegularFile(manifestFile)) {
            throw new ModelLoadException(location, "no " + ImportManifest.FILE_NAME + " found"
                    + (fileGiven ? " beside the model file" : " in the folder") + ": "
                    + ManifestReader.whatIsNeeded());
        }
        ImportManifest manifest = ManifestReader.read(manifestFile);
        Path file;
        if (fileGiven) {
            file = location.toAbsolutePath();
        } else {
            file = manifest.modelFile(engine).orElseThrow(() -> new ModelLoadException(manifestFile,
                    ImportManifest.FILE_NAME + " names no files." + engine.key() + " to load with the " + name()
                            + " family (it names " + manifest.files().keySet().stream().map(ImportEngine::key).toList()
                            + ")"));
        }
        String sha = ModelFiles.check(manifest, engine, file, settings.identity());
        List<String> notes = new ArrayList<>();
        notes.add("manifest " + manifestFile.toAbsolutePath() + " (" + manifest.name() + ")");
        if (new OutputMapping(manifest).embeddingOnlyByName()) {
            notes.add("the embedding output is not as wide as the tokens: the pooled feature is the class token, the"
                    + " embedding is kept by name");
        }
        ComputeTarget target = target(settings.target(), notes);
        ImportedGraph graph = ImportedGraph.load(engine, file, manifest.inputName(), target);
        BundledHead head = null;
        try {
            if (manifest.head().isPresent() && engine == ImportEngine.TORCHSCRIPT) {
                head = ImportedHead.read(manifest, manifest.head().get(), graph, new OutputMapping(manifest));
                notes.add("own head " + head.name() + ", checked against the graph's logits");
            } else if (manifest.head().isPresent()) {
                notes.add(ImportManifest.FILE_NAME + "'s head is read from the TorchScript archive only; with ONNX"
                        + " give a head (--adapter, --head-weights)");
            }
        } catch (IOException | RuntimeException e) {
            graph.close();
            throw e;
        }
        ModelProvenance p = new ModelProvenance(file.toString(), sha, engine.key(),
                ImportedModel.describe(manifest, engine), target.message(), notes, manifest.synthetic());
        return new ImportedModel(manifest, graph, p, target, head);
    }

    /** ONNX Runtime here is its CPU build; a graph runs in the precision it was exported in. */
    private ComputeTarget target(ComputeTarget asked, List<String> notes) {
        ComputeTarget t = asked == null ? ComputeTarget.cpu() : asked;
        if (engine == ImportEngine.ONNX && !t.isCpu()) {
            notes.add("ONNX Runtime runs on the CPU here (its GPU build is not bundled)");
            return new ComputeTarget(Device.cpu(), Precision.FP32, "CPU, float32 (ONNX Runtime)");
        }
        if (t.precision() != Precision.FP32) {
            notes.add("an imported graph runs in the precision it was exported in; inputs are float32");
            return new ComputeTarget(t.device(), Precision.FP32, t.message());
        }
        return engine == ImportEngine.ONNX
                ? new ComputeTarget(t.device(), t.precision(), t.message() + " (ONNX Runtime)") : t;
    }
}
