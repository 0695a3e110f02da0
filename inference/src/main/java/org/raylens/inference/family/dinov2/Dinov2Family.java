package org.raylens.inference.family.dinov2;

import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderFamily;
import org.raylens.inference.encoder.EncoderLoadSettings;
import org.raylens.inference.encoder.ModelProvenance;
import org.raylens.inference.model.ConfigJson;
import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.weights.SafetensorsReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * DINOv2 and RAD-DINO (Hugging Face or native naming, with or without registers): the first encoder family,
 * registered in {@code META-INF/services/org.raylens.inference.encoder.EncoderFamily}. It is surest of a folder whose
 * config.json says {@code model_type: dinov2*}, fairly sure of safetensors weights with DINOv2 names and no such
 * config, and cannot load anything else.
 */
public final class Dinov2Family implements EncoderFamily {
    public static final String NAME = "dinov2";

    /** A folder whose config.json names the model type. */
    static final int CONFIG_SAYS_DINOV2 = 100;
    /** Weights with DINOv2 parameter names but no config.json naming the type (a native RAD-DINO backbone). */
    static final int WEIGHT_NAMES_MATCH = 50;
    /** A config.json or weights file this family would read but cannot (truncated, malformed). */
    static final int UNREADABLE = 1;

    /** The architectures {@link #randomWeights} builds, by name (unmodifiable). */
    private static final Map<String, Dinov2Config> ARCHITECTURES = architecturesByName();

    private static Map<String, Dinov2Config> architecturesByName() {
        Map<String, Dinov2Config> m = new LinkedHashMap<>();
        m.put("rad-dino", Dinov2Config.radDino());
        m.put("tiny", SyntheticModelFolder.tinyGeometry());
        m.put("tiny-518", new Dinov2Config(32, 2, 2, 14, 518, 3, 128, 1e-6, true, true, FeedForwardKind.MLP_GELU, 0));
        // the window's demo encoder: ViT-S width (384, 6 heads), 4 blocks, native 224 px
        m.put("vit-s-4-blocks-224",
                new Dinov2Config(384, 4, 6, 14, 224, 3, 1536, 1e-6, true, true, FeedForwardKind.MLP_GELU, 0));
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "DINOv2 / RAD-DINO (ViT)";
    }

    /** The names {@link #randomWeights} knows. */
    public static List<String> architectures() {
        return List.copyOf(ARCHITECTURES.keySet());
    }

    /** The geometry of a named architecture. */
    public static Optional<Dinov2Config> architecture(String name) {
        return Optional.ofNullable(ARCHITECTURES.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Support supports(Path location) {
        if (Files.isRegularFile(location)) {
            return location.getFileName().toString().endsWith(".safetensors") ? byNames(location)
                    : Support.cannot("not a .safetensors file");
        }
        if (!Files.isDirectory(location)) {
            return Support.cannot("no such folder");
        }
        Path config = location.resolve("config.json");
        if (Files.isRegularFile(config)) {
            try {
                String type = ConfigJson.read(config).string("model_type", "");
                if (type.startsWith("dinov2")) {
                    return new Support(CONFIG_SAYS_DINOV2, "config.json says model_type " + type);
                }
            } catch (IOException e) {
                return unreadable(config, e);
            }
        }
        List<Path> weights;
        try (Stream<Path> s = Files.list(location)) {
            weights = s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).sorted().toList();
        } catch (IOException e) {
            return Support.cannot("cannot list the folder: " + e.getMessage());
        }
        if (weights.isEmpty()) {
            return Support.cannot("no .safetensors weights in the folder");
        }
        for (Path w : weights) {
            Support s = byNames(w);
            if (s.supported()) {
                return s;
            }
        }
        return Support.cannot("no .safetensors file has DINOv2 parameter names (cls_token or embeddings.cls_token)");
    }

    /** DINOv2 parameter names in a weights file; a file that cannot be read is left to the loader's typed error. */
    private static Support byNames(Path weights) {
        try (SafetensorsReader r = SafetensorsReader.open(weights)) {
            WeightNaming naming = WeightNaming.detect(r.names());
            return naming == null
                    ? Support.cannot(weights.getFileName() + " has no DINOv2 parameter names")
                    : new Support(WEIGHT_NAMES_MATCH, weights.getFileName() + " has DINOv2 parameter names ("
                    + naming.name() + ")");
        } catch (IOException | RuntimeException e) {
            return unreadable(weights, e);
        }
    }

    /**
     * A file this family would read but cannot: the least support there is, so that no family surer of the folder
     * is overruled but, when none is, loading gives the reader's own typed error (a truncated download says so)
     * instead of a vague "nobody supports it".
     */
    private static Support unreadable(Path file, Exception e) {
        return new Support(UNREADABLE, file.getFileName() + " cannot be read (" + e.getMessage()
                + "); loading will say why");
    }

    @Override
    public Encoder load(Path folder, EncoderLoadSettings settings) throws IOException {
        LoadOptions options = settings.options() == null ? LoadOptions.defaults() : settings.options();
        ComputeTarget target = settings.target();
        try (Dinov2Checkpoint cp = Dinov2Checkpoint.open(folder, options, settings.identity())) {
            Dinov2Encoder enc = Dinov2Encoder.load(cp, target);
            ModelProvenance p = new ModelProvenance(cp.weightsFile().toString(), cp.sha256().orElse("not computed"),
                    cp.naming().name(), Dinov2Model.describe(cp.config()), enc.target().message(), cp.notes(), cp.synthetic(),
                    enc.target().precision());
            return new Dinov2Model(enc, p, cp.preprocessor());
        }
    }

    /** @param architecture one of {@link #architectures()} */
    @Override
    public Encoder randomWeights(String architecture, long seed, ComputeTarget target) throws IOException {
        Dinov2Config c = architecture(architecture).orElseThrow(() -> new UnsupportedOperationException(
                "the dinov2 family has no architecture \"" + architecture + "\"; it knows " + architectures()));
        return randomWeights(c, seed, target);
    }

    /** A folder as a real checkpoint has it (config.json, model.safetensors, RAD-DINO's preprocessor_config.json). */
    @Override
    public void writeRandomFolder(Path folder, String architecture, long seed) throws IOException {
        Dinov2Config c = architecture(architecture).orElseThrow(() -> new UnsupportedOperationException(
                "the dinov2 family has no architecture \"" + architecture + "\"; it knows " + architectures()));
        SyntheticModelFolder.write(folder, c, seed, PreprocessorConfig.radDino());
    }

    /** Seeded random weights of any geometry ({@link SyntheticWeights}: the same seed gives the same weights). */
    public static Dinov2Model randomWeights(Dinov2Config c, long seed, ComputeTarget target) throws IOException {
        Dinov2Encoder enc = Dinov2Encoder.build(c, target, null, new SyntheticWeights(c, seed));
        String note = "random weights (seed " + seed + "): results mean nothing";
        ModelProvenance p = new ModelProvenance("random weights, seed " + seed, "none (synthetic weights)", "random",
                Dinov2Model.describe(c), enc.target().message(), List.of(note), true,
                enc.target().precision());
        return new Dinov2Model(enc, p, Optional.empty());
    }
}
