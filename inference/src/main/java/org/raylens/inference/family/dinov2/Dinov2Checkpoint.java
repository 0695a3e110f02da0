package org.raylens.inference.family.dinov2;

import org.raylens.inference.model.ConfigValueException;
import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.model.ModelLoadException;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.model.SyntheticMarking;
import org.raylens.inference.model.WeightRef;

import org.raylens.inference.weights.SafetensorsReader;
import org.raylens.inference.weights.TensorInfo;
import org.raylens.inference.weights.WeightsIdentity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A DINOv2-family checkpoint opened from its folder (or a single .safetensors file), validated and mapped onto the
 * canonical layout: its config (read from config.json, or inferred from the shapes), the naming it used, every
 * parameter with its location, the preprocessor settings when the folder has them, and the weights' SHA-256.
 * Keeps the safetensors file open (memory-mapped) until closed; an encoder copies what it needs while building.
 */
public final class Dinov2Checkpoint implements AutoCloseable {
    private final Path weightsFile;
    private final SafetensorsReader reader;
    private final Dinov2Config config;
    private final WeightNaming naming;
    private final Map<String, WeightRef> params;
    private final PreprocessorConfig preprocessor;
    private final String sha256;
    private final List<String> notes;
    private final boolean synthetic;

    private Dinov2Checkpoint(Path weightsFile, SafetensorsReader reader, Dinov2Config config, WeightNaming naming,
                             Map<String, WeightRef> params, PreprocessorConfig preprocessor, String sha256,
                             List<String> notes, boolean synthetic) {
        this.synthetic = synthetic;
        this.weightsFile = weightsFile;
        this.reader = reader;
        this.config = config;
        this.naming = naming;
        this.params = Map.copyOf(params);
        this.preprocessor = preprocessor;
        this.sha256 = sha256;
        this.notes = List.copyOf(notes);
    }

    public static Dinov2Checkpoint open(Path location, LoadOptions options, WeightsIdentity identity) throws IOException {
        Path folder = Files.isDirectory(location) ? location : location.toAbsolutePath().getParent();
        Path weights = Files.isDirectory(location) ? chooseWeights(location, options) : location;
        SafetensorsReader reader = SafetensorsReader.open(weights);
        try {
            return build(folder, weights, reader, options, identity);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    private static Path chooseWeights(Path folder, LoadOptions options) throws ModelLoadException {
        if (options.weightsFile() != null) {
            Path p = folder.resolve(options.weightsFile());
            if (!Files.isRegularFile(p)) {
                throw new ModelLoadException(folder, "weights file " + options.weightsFile() + " not found");
            }
            return p;
        }
        for (String name : List.of("model.safetensors", "backbone_compatible.safetensors")) {
            if (Files.isRegularFile(folder.resolve(name))) {
                return folder.resolve(name);
            }
        }
        try (Stream<Path> s = Files.list(folder)) {
            List<Path> st = s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
            if (st.size() == 1) {
                return st.get(0);
            }
            throw new ModelLoadException(folder, st.isEmpty()
                    ? "no .safetensors weights in the folder (pytorch_model.bin is not read: convert-free loading needs safetensors)"
                    : "several .safetensors files " + st + "; choose one");
        } catch (IOException e) {
            if (e instanceof ModelLoadException m) {
                throw m;
            }
            throw new ModelLoadException(folder, "cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static Dinov2Checkpoint build(Path folder, Path weights, SafetensorsReader reader, LoadOptions options,
                                          WeightsIdentity identity) throws IOException {
        WeightNaming naming = WeightNaming.detect(reader.names());
        if (naming == null) {
            throw new ModelLoadException(weights, "neither HF (embeddings.cls_token) nor DINOv2 (cls_token) names found; "
                    + "is this a DINOv2-family checkpoint?", List.of("cls_token"), List.copyOf(reader.names()), List.of());
        }
        Dinov2KeyMapping.Mapped mapped = Dinov2KeyMapping.map(reader.tensors(), naming);
        List<String> notes = new ArrayList<>();
        Path configJson = folder.resolve("config.json");
        Dinov2Config config;
        if (options.useConfigJson() && Files.isRegularFile(configJson)) {
            notes.add("architecture from " + configJson.getFileName());
            config = Dinov2Config.fromJson(configJson,
                    () -> NativeArchitectureInference.shapes(mapped.params(), weights), options.heads(), notes);
        } else {
            NativeArchitectureInference.Inferred inf = NativeArchitectureInference.infer(mapped.params(), options.heads(), weights);
            config = inf.config();
            notes.add("architecture inferred from tensor shapes");
            notes.addAll(inf.assumptions());
        }
        checkAgainstConfig(weights, config, mapped);
        for (String k : List.of("blocks.0.attn.qkv.weight")) {
            if (mapped.params().get(k) != null && mapped.params().get(k).parts().get(0).dtype().byteSize() != 4) {
                notes.add("weights stored as " + mapped.params().get(k).parts().get(0).dtype() + ", computed in float32");
            }
        }
        Path pre = folder.resolve("preprocessor_config.json");
        PreprocessorConfig preprocessor = Files.isRegularFile(pre) ? PreprocessorConfig.fromJson(pre) : null;
        if (preprocessor != null) {
            checkInputCoversAPatch(pre, preprocessor, config.patchSize());
        }
        String sha = identity == null ? null : identity.sha256(weights);
        boolean synthetic = SyntheticMarking.isMarked(folder, reader.metadata());
        if (synthetic) {
            notes.add("random weights (synthetic model): results mean nothing");
        }
        return new Dinov2Checkpoint(weights, reader, config, naming, mapped.params(), preprocessor, sha, notes,
                synthetic);
    }

    private static void checkAgainstConfig(Path weights, Dinov2Config config, Dinov2KeyMapping.Mapped mapped)
            throws ModelLoadException {
        Map<String, long[]> expected = ExpectedParameters.of(config);
        List<String> missing = new ArrayList<>(mapped.incomplete());
        List<String> shapes = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            WeightRef r = mapped.params().get(e.getKey());
            if (r == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(r.shape(), e.getValue())) {
                shapes.add(r.sourceNames() + " is " + Arrays.toString(r.shape()) + ", expected "
                        + Arrays.toString(e.getValue()));
            } else if (r.parts().stream().anyMatch(t -> !t.dtype().isFloatingPoint())) {
                shapes.add(r.sourceNames() + " is " + r.parts().get(0).dtype() + ", expected a float type");
            }
        }
        List<String> unexpected = new ArrayList<>(mapped.unexpected());
        for (WeightRef r : mapped.params().values()) {
            if (!expected.containsKey(r.canonicalName()) && !r.canonicalName().equals("mask_token")) {
                unexpected.add(r.sourceNames());
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !shapes.isEmpty()) {
            throw new ModelLoadException(weights, "the checkpoint does not match the architecture " + describe(config),
                    missing, unexpected, shapes);
        }
    }

    /**
     * The processor's output must hold at least one whole patch, or every forward would be refused: the crop when
     * there is one, else the resized shortest edge. (A size that is not a multiple of the patch is allowed: the
     * patch embedding ignores the remainder, as PyTorch's strided convolution does.)
     */
    private static void checkInputCoversAPatch(Path file, PreprocessorConfig p, int patch) throws ModelLoadException {
        if (p.doCenterCrop() && (p.cropHeight() < patch || p.cropWidth() < patch)) {
            throw ConfigValueException.invalid(file, "crop_size", p.cropHeight() + "x" + p.cropWidth(),
                    "at least the model's patch size " + patch + " on each side");
        }
        if (!p.doCenterCrop() && p.doResize() && p.shortestEdge() < patch) {
            throw ConfigValueException.invalid(file, "size.shortest_edge", p.shortestEdge(),
                    "at least the model's patch size " + patch);
        }
    }

    static String describe(Dinov2Config c) {
        return "(D=" + c.hiddenSize() + ", " + c.numLayers() + " layers, " + c.numHeads() + " heads, patch "
                + c.patchSize() + ", image " + c.imageSize() + ", " + c.feedForward() + " " + c.mlpHiddenSize()
                + ", registers " + c.numRegisterTokens() + ")";
    }

    public Dinov2Config config() {
        return config;
    }

    public WeightNaming naming() {
        return naming;
    }

    public Path weightsFile() {
        return weightsFile;
    }

    public Map<String, WeightRef> parameters() {
        return params;
    }

    public Optional<PreprocessorConfig> preprocessor() {
        return Optional.ofNullable(preprocessor);
    }

    /** SHA-256 of the weights file, or empty when opened without an identity cache. */
    public Optional<String> sha256() {
        return Optional.ofNullable(sha256);
    }

    /** How the config was obtained and every assumption made. */
    /** True when the folder marks its weights as random ({@link SyntheticMarking#isMarked}). */
    public boolean synthetic() {
        return synthetic;
    }

    public List<String> notes() {
        return notes;
    }

    /** The parameter's bytes; parts of a fused parameter are concatenated (dim 0). Order: little-endian. */
    public List<ByteBuffer> partBytes(String canonical) throws IOException {
        WeightRef r = params.get(canonical);
        if (r == null) {
            throw new ModelLoadException(weightsFile, "no parameter " + canonical);
        }
        List<ByteBuffer> out = new ArrayList<>();
        for (TensorInfo t : r.parts()) {
            out.add(reader.bytes(t.name()).order(ByteOrder.LITTLE_ENDIAN));
        }
        return out;
    }

    /** The parameter as float32 (parts concatenated), converted from F16/BF16 when stored so. */
    public float[] floats(String canonical) throws IOException {
        WeightRef r = params.get(canonical);
        if (r == null) {
            throw new ModelLoadException(weightsFile, "no parameter " + canonical);
        }
        List<float[]> parts = new ArrayList<>();
        int n = 0;
        for (TensorInfo t : r.parts()) {
            float[] f = reader.readFloats(t.name());
            parts.add(f);
            n += f.length;
        }
        float[] out = new float[n];
        int off = 0;
        for (float[] f : parts) {
            System.arraycopy(f, 0, out, off, f.length);
            off += f.length;
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
