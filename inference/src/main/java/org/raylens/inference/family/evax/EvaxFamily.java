package org.raylens.inference.family.evax;

import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderFamily;
import org.raylens.inference.encoder.EncoderLoadSettings;
import org.raylens.inference.encoder.ModelProvenance;
import org.raylens.inference.model.ConfigJson;
import org.raylens.inference.model.LoadOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * EVA-X (hustvl/EVA-X: ViT-Ti/S/B for chest X-rays with 2-D RoPE, SwiGLU, sub-LN in B, mean-pooled patch tokens),
 * the second encoder family. It loads a folder or a single file holding a {@code .pth}/{@code .pt} checkpoint (read
 * without running its pickle) or {@code .safetensors} with EVA-X's key names, plus an optional config.json and
 * preprocessor_config.json. It is surest of a config.json naming EVA-X, fairly sure of weights with EVA-X names (q/v
 * biases beside a SwiGLU, or RoPE buffers) — above DINOv2's answer for a native-named safetensors, whose names EVA-X
 * shares — and cannot load DINOv2 folders, which have no q_bias.
 */
public final class EvaxFamily implements EncoderFamily {
    public static final String NAME = "evax";

    static final int CONFIG_SAYS_EVAX = 100;
    /** Above DINOv2's 50 for native names: an EVA-X safetensors also has cls_token and blocks.N.norm1. */
    static final int WEIGHT_NAMES_MATCH = 60;
    static final int UNREADABLE = 1;

    private static final Map<String, EvaxConfig> ARCHITECTURES = architecturesByName();

    private static Map<String, EvaxConfig> architecturesByName() {
        Map<String, EvaxConfig> m = new LinkedHashMap<>();
        m.put("evax-tiny", EvaxConfig.tiny());
        m.put("evax-small", EvaxConfig.small());
        m.put("evax-base", EvaxConfig.base());
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String displayName() {
        return "EVA-X (ViT with RoPE and SwiGLU)";
    }

    public static List<String> architectures() {
        return List.copyOf(ARCHITECTURES.keySet());
    }

    public static Optional<EvaxConfig> architecture(String name) {
        return Optional.ofNullable(ARCHITECTURES.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Support supports(Path location) {
        if (Files.isRegularFile(location)) {
            return EvaxWeightsFile.isTorch(location) || EvaxWeightsFile.isSafetensors(location) ? byNames(location)
                    : Support.cannot("not a .pth, .pt or .safetensors file");
        }
        if (!Files.isDirectory(location)) {
            return Support.cannot("no such folder");
        }
        Path config = location.resolve("config.json");
        if (Files.isRegularFile(config)) {
            try {
                if (EvaxGeometry.namesEvax(ConfigJson.read(config))) {
                    return new Support(CONFIG_SAYS_EVAX, "config.json names an EVA-X model");
                }
            } catch (IOException e) {
                return unreadable(config, e);
            }
        }
        List<Path> weights;
        try (Stream<Path> s = Files.list(location)) {
            weights = s.filter(p -> EvaxWeightsFile.isTorch(p) || EvaxWeightsFile.isSafetensors(p)).sorted().toList();
        } catch (IOException e) {
            return Support.cannot("cannot list the folder: " + e.getMessage());
        }
        if (weights.isEmpty()) {
            return Support.cannot("no .safetensors, .pth or .pt weights in the folder");
        }
        List<String> reasons = new ArrayList<>();
        Support unreadable = null;
        for (Path w : weights) {
            Support s = byNames(w);
            if (s.score() > UNREADABLE) {
                return s;
            }
            if (s.supported() && unreadable == null) {
                unreadable = s;
            }
            reasons.add(s.reason());
        }
        return unreadable != null ? unreadable : Support.cannot(String.join("; ", reasons));
    }

    private static Support byNames(Path file) {
        try (EvaxWeightsFile w = EvaxWeightsFile.open(file)) {
            return EvaxKeys.looksLikeEvax(w.entries().keySet())
                    ? new Support(WEIGHT_NAMES_MATCH, file.getFileName() + " has EVA-X parameter names ("
                    + w.describe() + ")")
                    : Support.cannot(file.getFileName() + " has no EVA-X parameter names (q_bias with a SwiGLU, or"
                    + " RoPE buffers)");
        } catch (IOException | RuntimeException e) {
            return unreadable(file, e);
        }
    }

    /** A file this family would read but cannot: the least support, so that loading gives the reader's error. */
    private static Support unreadable(Path file, Exception e) {
        return new Support(UNREADABLE, file.getFileName() + " cannot be read (" + e.getMessage()
                + "); loading will say why");
    }

    @Override
    public Encoder load(Path folder, EncoderLoadSettings settings) throws IOException {
        LoadOptions options = settings.options() == null ? LoadOptions.defaults() : settings.options();
        ComputeTarget target = withoutCpuBf16(settings.target());
        try (EvaxCheckpoint cp = EvaxCheckpoint.open(folder, options, settings.identity())) {
            EvaxEncoder enc = EvaxEncoder.build(cp.config(), target, cp::floats);
            try {
                ModelProvenance p = new ModelProvenance(cp.weightsFile().toString(), cp.sha256().orElse("not computed"),
                        cp.format(), cp.config().describe(), target.message(), cp.notes(), cp.synthetic(), target.precision());
                return new EvaxModel(enc, p, cp.preprocessor(), cp.head().orElse(null));
            } catch (IOException | RuntimeException e) {
                enc.close();
                throw e;
            }
        }
    }

    /** @param architecture one of {@link #architectures()} */
    @Override
    public Encoder randomWeights(String architecture, long seed, ComputeTarget target) throws IOException {
        EvaxConfig c = architecture(architecture).orElseThrow(() -> new UnsupportedOperationException(
                "the evax family has no architecture \"" + architecture + "\"; it knows " + architectures()));
        target = withoutCpuBf16(target);
        EvaxEncoder enc = EvaxEncoder.build(c, target, new EvaxRandomWeights(c, seed));
        String note = "random weights (seed " + seed + "): results mean nothing";
        ModelProvenance p = new ModelProvenance("random weights, seed " + seed, "none (synthetic weights)", "random",
                c.describe(), target.message(), List.of(note), true, target.precision());
        return new EvaxModel(enc, p, EvaxPreprocessing.authors(), null);
    }

    /** The CPU's bf16 fast mode is built for the DINOv2 family only (EVA-X's RoPE attention is not in the kernel). */
    private static ComputeTarget withoutCpuBf16(ComputeTarget t) {
        return t.cpuBf16() ? new ComputeTarget(t.device(), org.raylens.inference.encoder.Precision.FP32,
                "CPU, float32 (bf16 fast mode is offered for DINOv2-family encoders only)") : t;
    }
}
