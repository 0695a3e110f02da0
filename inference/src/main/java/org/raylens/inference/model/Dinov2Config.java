package org.raylens.inference.model;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The architecture of a DINOv2-family ViT, as HF's Dinov2Config / Dinov2WithRegistersConfig describes it or as
 * inferred from a native checkpoint's shapes. {@code mlpHiddenSize} is the width of the hidden activation (for
 * SwiGLU: the width after the x1·x2 product, i.e. half of w12's rows).
 */
public record Dinov2Config(int hiddenSize, int numLayers, int numHeads, int patchSize, int imageSize, int numChannels,
                           int mlpHiddenSize, double layerNormEps, boolean layerScale, boolean qkvBias,
                           FeedForwardKind feedForward, int numRegisterTokens) {

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

    /** Reads HF's config.json. Keys the file states are used as stated; absent keys take HF's class defaults. */
    public static Dinov2Config fromJson(Path configJson) throws ModelLoadException {
        JsonObject o;
        try {
            JsonElement el = JsonParser.parseString(Files.readString(configJson));
            if (!el.isJsonObject()) {
                throw new ModelLoadException(configJson, "config.json is not a JSON object");
            }
            o = el.getAsJsonObject();
        } catch (IOException | JsonParseException e) {
            throw new ModelLoadException(configJson, "cannot read config.json: " + e.getMessage(), e);
        }
        try {
            String modelType = str(o, "model_type", "dinov2");
            if (!modelType.startsWith("dinov2")) {
                throw new ModelLoadException(configJson, "model_type '" + modelType
                        + "' is not a DINOv2 model (expected dinov2 or dinov2_with_registers)");
            }
            int d = integer(o, "hidden_size", 768);
            double ratio = number(o, "mlp_ratio", 4.0);
            boolean swiglu = bool(o, "use_swiglu_ffn", false);
            String act = str(o, "hidden_act", "gelu");
            if (!swiglu && !act.equals("gelu")) {
                throw new ModelLoadException(configJson, "hidden_act '" + act
                        + "' is not supported (RayLens implements the exact-erf 'gelu' and SwiGLU)");
            }
            int mlpHidden = swiglu ? swigluHidden(d, ratio) : (int) (d * ratio);
            // HF's Dinov2Config default eps is 1e-12; RAD-DINO states 1e-6. Only the file decides.
            double eps = number(o, "layer_norm_eps", 1e-12);
            return new Dinov2Config(d, integer(o, "num_hidden_layers", 12), integer(o, "num_attention_heads", 12),
                    integer(o, "patch_size", 14), integer(o, "image_size", 224), integer(o, "num_channels", 3),
                    mlpHidden, eps, true /* HF's Dinov2Layer always has LayerScale */, bool(o, "qkv_bias", true),
                    swiglu ? FeedForwardKind.SWIGLU : FeedForwardKind.MLP_GELU,
                    integer(o, "num_register_tokens", 0));
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new ModelLoadException(configJson, "invalid config.json: " + e.getMessage(), e);
        }
    }

    private static String str(JsonObject o, String k, String def) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsString() : def;
    }

    private static int integer(JsonObject o, String k, int def) {
        if (!o.has(k) || o.get(k).isJsonNull()) {
            return def;
        }
        double v = o.get(k).getAsDouble();
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException(k + " = " + v + " is not an integer");
        }
        return (int) v;
    }

    private static double number(JsonObject o, String k, double def) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsDouble() : def;
    }

    private static boolean bool(JsonObject o, String k, boolean def) {
        return o.has(k) && !o.get(k).isJsonNull() ? o.get(k).getAsBoolean() : def;
    }
}
