package org.raylens.inference.family.dinov2;

import org.raylens.inference.encoder.LayerScale;
import org.raylens.inference.model.ConfigJson;
import org.raylens.inference.model.ConfigValueException;
import org.raylens.inference.model.ModelLoadException;
import org.raylens.inference.model.PreprocessorConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * The architecture of a DINOv2-family ViT, as HF's Dinov2Config / Dinov2WithRegistersConfig describes it or as
 * inferred from a native checkpoint's shapes. {@code mlpHiddenSize} is the width of the hidden activation (for
 * SwiGLU: the width after the x1·x2 product, i.e. half of w12's rows).
 */
public record Dinov2Config(int hiddenSize, int numLayers, int numHeads, int patchSize, int imageSize, int numChannels,
                           int mlpHiddenSize, double layerNormEps, boolean layerScale, boolean qkvBias,
                           FeedForwardKind feedForward, int numRegisterTokens) {
    /** Widest hidden size accepted from a config (ViT-g is 1536; 8192 leaves room without inviting overflow). */
    public static final int MAX_WIDTH = 8192;
    public static final int MAX_LAYERS = 256;

    public Dinov2Config {
        if (hiddenSize <= 0 || numLayers <= 0 || numHeads <= 0 || patchSize <= 0 || imageSize <= 0 || numChannels <= 0
                || mlpHiddenSize <= 0 || numRegisterTokens < 0) {
            throw new IllegalArgumentException("non-positive dimension in " + this.getClass().getSimpleName());
        }
        if (hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("hidden_size " + hiddenSize + " is not divisible by " + numHeads + " heads");
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layer_norm_eps must be positive");
        }
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }

    /** Patches per side of the position-embedding grid the checkpoint was trained with. */
    public int nativeGrid() {
        return imageSize / patchSize;
    }

    public Dinov2Config withHeads(int heads) {
        return new Dinov2Config(hiddenSize, numLayers, heads, patchSize, imageSize, numChannels, mlpHiddenSize,
                layerNormEps, layerScale, qkvBias, feedForward, numRegisterTokens);
    }

    public Dinov2Config withLayerNormEps(double eps) {
        return new Dinov2Config(hiddenSize, numLayers, numHeads, patchSize, imageSize, numChannels, mlpHiddenSize,
                eps, layerScale, qkvBias, feedForward, numRegisterTokens);
    }

    /** RAD-DINO / DINOv2 ViT-B/14 at 518 px: the geometry the benchmark uses. */
    public static Dinov2Config radDino() {
        return new Dinov2Config(768, 12, 12, 14, 518, 3, 3072, 1e-6, true, true, FeedForwardKind.MLP_GELU, 0);
    }

    /** The MLP width HF computes for SwiGLU: hidden = int(D·ratio); ((int(hidden·2/3) + 7) // 8) · 8. */
    public static int swigluHidden(int hiddenSize, double mlpRatio) {
        int h = (int) (hiddenSize * mlpRatio);
        return ((int) (h * 2.0 / 3.0) + 7) / 8 * 8;
    }

    /** Supplies the shape-determined values when config.json leaves one out (computed only when needed). */
    @FunctionalInterface
    public interface ShapeSource {
        NativeArchitectureInference.Shapes shapes() throws ModelLoadException;
    }

    /** Reads config.json on its own (no weights to fall back on: every shape value must be stated). */
    public static Dinov2Config fromJson(Path configJson) throws ModelLoadException {
        return fromJson(configJson, null, null, new java.util.ArrayList<>());
    }

    /**
     * Reads HF's config.json. Stated keys are used as stated (and checked: integers, in range, of the right type).
     * An absent key that the tensors fix uniquely (hidden_size, num_hidden_layers, patch_size, image_size,
     * num_channels, mlp_ratio, use_swiglu_ffn, num_register_tokens, qkv_bias) is read from {@code shapes}; absent
     * hidden_act and layer_norm_eps take HF Dinov2Config's documented defaults ("gelu", 1e-12). An absent
     * num_attention_heads is taken from {@code heads} or else refused: no tensor shape tells it. Every value not read
     * from the file is written into {@code notes}.
     */
    public static Dinov2Config fromJson(Path configJson, ShapeSource shapes, Integer heads, List<String> notes)
            throws ModelLoadException {
        ConfigJson o = ConfigJson.read(configJson);
        String modelType = o.string("model_type", "dinov2");
        if (!modelType.startsWith("dinov2")) {
            throw ConfigValueException.invalid(configJson, "model_type", modelType, "dinov2 or dinov2_with_registers");
        }
        ShapeFallback fallback = new ShapeFallback(configJson, shapes, notes);
        int d = o.has("hidden_size") ? o.integer("hidden_size", 1, MAX_WIDTH)
                : fallback.value("hidden_size", NativeArchitectureInference.Shapes::hiddenSize);
        int layers = o.has("num_hidden_layers") ? o.integer("num_hidden_layers", 1, MAX_LAYERS)
                : fallback.value("num_hidden_layers", NativeArchitectureInference.Shapes::numLayers);
        int patch = o.has("patch_size") ? o.integer("patch_size", 1, PreprocessorConfig.MAX_SIZE)
                : fallback.value("patch_size", NativeArchitectureInference.Shapes::patchSize);
        int image = o.has("image_size") ? o.integer("image_size", 1, PreprocessorConfig.MAX_SIZE)
                : fallback.value("image_size", NativeArchitectureInference.Shapes::imageSize);
        int channels = o.has("num_channels") ? o.integer("num_channels", 1, 4)
                : fallback.value("num_channels", NativeArchitectureInference.Shapes::numChannels);
        int registers = o.has("num_register_tokens") ? o.integer("num_register_tokens", 0, 1024)
                : fallback.value("num_register_tokens", NativeArchitectureInference.Shapes::numRegisterTokens);
        boolean swiglu = o.has("use_swiglu_ffn") ? o.flag("use_swiglu_ffn", false)
                : fallback.value("use_swiglu_ffn", sh -> sh.feedForward() == FeedForwardKind.SWIGLU);
        boolean qkvBias = o.has("qkv_bias") ? o.flag("qkv_bias", true)
                : fallback.value("qkv_bias", NativeArchitectureInference.Shapes::qkvBias);
        String act = o.string("hidden_act", "gelu");
        if (!swiglu && !act.equals("gelu")) {
            throw ConfigValueException.invalid(configJson, "hidden_act", act,
                    "gelu (RayLens implements the exact-erf 'gelu' and SwiGLU)");
        }
        int mlpHidden;
        if (o.has("mlp_ratio")) {
            double ratio = o.real("mlp_ratio", 4.0, 0.01, 64);
            mlpHidden = swiglu ? swigluHidden(d, ratio) : (int) (d * ratio);
        } else {
            mlpHidden = fallback.value("mlp_ratio (as the MLP width)", NativeArchitectureInference.Shapes::mlpHiddenSize);
        }
        int numHeads;
        if (o.has("num_attention_heads")) {
            numHeads = o.integer("num_attention_heads", 1, d);
            if (heads != null && heads != numHeads) {
                throw ConfigValueException.invalid(configJson, "num_attention_heads", numHeads,
                        "the " + heads + " heads that were requested (or drop the request)");
            }
        } else if (heads != null) {
            numHeads = heads;
            notes.add("num_attention_heads = " + heads + " (absent from config.json; given by the caller)");
        } else {
            throw ConfigValueException.missing(configJson, "num_attention_heads", "config.json does not state it and"
                    + " the tensor shapes cannot tell it (the fused qkv weight is (3·D × D) for every head count"
                    + " dividing D); add it to config.json or give --heads N");
        }
        if (d % numHeads != 0) {
            throw ConfigValueException.invalid(configJson, "num_attention_heads", numHeads,
                    "a divisor of hidden_size " + d);
        }
        if (!o.has("layer_norm_eps")) {
            // HF's Dinov2Config documents 1e-12 as its default, and transformers loads such a file with it
            notes.add("layer_norm_eps = 1e-12 (absent from config.json; HF Dinov2Config's documented default)");
        }
        double eps = o.real("layer_norm_eps", 1e-12, 1e-30, 1);
        try {
            return new Dinov2Config(d, layers, numHeads, patch, image, channels, mlpHidden, eps,
                    true /* HF's Dinov2Layer always has LayerScale */, qkvBias,
                    swiglu ? FeedForwardKind.SWIGLU : FeedForwardKind.MLP_GELU, registers);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(configJson, "invalid config.json: " + e.getMessage(), e);
        }
    }

    /** Values config.json leaves out, read from the tensor shapes (computed once, on first need) and noted. */
    private static final class ShapeFallback {
        private final Path configJson;
        private final ShapeSource source;
        private final List<String> notes;
        private NativeArchitectureInference.Shapes shapes;

        ShapeFallback(Path configJson, ShapeSource source, List<String> notes) {
            this.configJson = configJson;
            this.source = source;
            this.notes = notes;
        }

        <T> T value(String key, java.util.function.Function<NativeArchitectureInference.Shapes, T> read)
                throws ModelLoadException {
            if (source == null) {
                throw ConfigValueException.missing(configJson, key, "config.json does not state it and no weights"
                        + " are open to read it from");
            }
            if (shapes == null) {
                shapes = source.shapes();
            }
            T v = read.apply(shapes);
            notes.add(key + " = " + v + " (absent from config.json; fixed by the tensor shapes)");
            return v;
        }
    }
}
