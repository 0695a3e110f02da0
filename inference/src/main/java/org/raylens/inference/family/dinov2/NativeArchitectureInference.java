package org.raylens.inference.family.dinov2;

import org.raylens.inference.encoder.LayerNorm;
import org.raylens.inference.encoder.LayerScale;
import org.raylens.inference.model.ConfigValueException;
import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.model.ModelLoadException;
import org.raylens.inference.model.WeightRef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recovers a Dinov2Config from the shapes of a checkpoint that came without config.json (DINOv2-native files such as
 * backbone_compatible.safetensors). Width, depth, patch size, native grid, MLP kind and width, registers, LayerScale
 * and qkv bias are all fixed by the shapes ({@link #shapes}). The head count is not — the fused qkv weight is
 * (3·D × D) for every head count dividing D — so it comes from the caller, or from {@link KnownDinov2Architectures}
 * when the shapes are exactly those of a published DINOv2 model, or else loading stops with a
 * {@link ConfigValueException}: a guessed head count would give different embeddings under the same weights SHA-256.
 * LayerNorm eps is DINOv2's own 1e-6 (its code builds every LayerNorm with eps=1e-6).
 */
public final class NativeArchitectureInference {
    public static final double DINOV2_LAYER_NORM_EPS = 1e-6;

    /** Everything the tensor shapes determine uniquely. {@code mlpHiddenSize} as in {@link Dinov2Config}. */
    public record Shapes(int hiddenSize, int numLayers, int patchSize, int imageSize, int numChannels,
                         int mlpHiddenSize, FeedForwardKind feedForward, int numRegisterTokens, boolean layerScale,
                         boolean qkvBias) {
    }

    /** The config plus a sentence for every value that was not read from the shapes. */
    public record Inferred(Dinov2Config config, List<String> assumptions) {
    }

    private NativeArchitectureInference() {
    }

    public static Inferred infer(Map<String, WeightRef> params, Integer headsOverride, Path where) throws ModelLoadException {
        Shapes s = shapes(params, where);
        List<String> assumptions = new ArrayList<>();
        int heads;
        if (headsOverride != null) {
            heads = headsOverride;
            assumptions.add("attention heads = " + heads + " (given by the caller; shapes cannot tell)");
        } else {
            Optional<KnownDinov2Architectures.Known> known = KnownDinov2Architectures.match(s);
            if (known.isEmpty()) {
                throw ConfigValueException.missing(where, "num_attention_heads", "there is no config.json beside the"
                        + " weights, and the shapes cannot tell the head count (the fused qkv weight is "
                        + 3 * s.hiddenSize() + "x" + s.hiddenSize() + " for every head count dividing "
                        + s.hiddenSize() + "), nor are they exactly those of a published DINOv2 model; give it with"
                        + " --heads N (LoadOptions.withHeads) or put a config.json with num_attention_heads beside"
                        + " the weights");
            }
            heads = known.get().heads();
            assumptions.add("attention heads = " + heads + " (the shapes are exactly those of " + known.get().name()
                    + "; see docs/decisions/encoder-native-checkpoint-heads.md)");
        }
        assumptions.add("layer_norm_eps = 1e-6 (DINOv2's LayerNorm)");
        try {
            return new Inferred(new Dinov2Config(s.hiddenSize(), s.numLayers(), heads, s.patchSize(), s.imageSize(),
                    s.numChannels(), s.mlpHiddenSize(), DINOV2_LAYER_NORM_EPS, s.layerScale(), s.qkvBias(),
                    s.feedForward(), s.numRegisterTokens()), assumptions);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(where, "inferred architecture is invalid: " + e.getMessage(), e);
        }
    }

    /** The values the shapes fix, or a typed error when the tensors are not a ViT's. */
    public static Shapes shapes(Map<String, WeightRef> params, Path where) throws ModelLoadException {
        WeightRef cls = need(params, "cls_token", where);
        WeightRef proj = need(params, "patch_embed.proj.weight", where);
        WeightRef pos = need(params, "pos_embed", where);
        long[] cs = cls.shape();
        long[] ps = proj.shape();
        long[] pe = pos.shape();
        if (cs.length != 3 || ps.length != 4 || pe.length != 3 || ps[2] != ps[3]) {
            throw new ModelLoadException(where, "cannot infer the architecture: cls_token " + Arrays.toString(cs)
                    + ", patch_embed.proj.weight " + Arrays.toString(ps) + ", pos_embed " + Arrays.toString(pe)
                    + " are not a ViT's shapes");
        }
        int grid = (int) Math.round(Math.sqrt(pe[1] - 1));
        if ((long) grid * grid != pe[1] - 1) {
            throw new ModelLoadException(where, "pos_embed has " + pe[1] + " tokens, not 1 + a square grid");
        }
        Set<Integer> layers = Dinov2KeyMapping.layerIndices(params.keySet());
        if (layers.isEmpty()) {
            throw new ModelLoadException(where, "no transformer blocks (blocks.N.*) in the checkpoint");
        }
        boolean swiglu = params.containsKey("blocks.0.mlp.w12.weight");
        WeightRef hiddenW = swiglu ? params.get("blocks.0.mlp.w12.weight") : params.get("blocks.0.mlp.fc1.weight");
        if (hiddenW == null) {
            throw new ModelLoadException(where, "block 0 has neither mlp.fc1.weight nor mlp.w12.weight");
        }
        int patch = (int) ps[2];
        return new Shapes((int) cs[2], layers.stream().mapToInt(Integer::intValue).max().getAsInt() + 1, patch,
                grid * patch, (int) ps[1], (int) (swiglu ? hiddenW.shape()[0] / 2 : hiddenW.shape()[0]),
                swiglu ? FeedForwardKind.SWIGLU : FeedForwardKind.MLP_GELU,
                params.containsKey("register_tokens") ? (int) params.get("register_tokens").shape()[1] : 0,
                params.containsKey("blocks.0.ls1.gamma"), params.containsKey("blocks.0.attn.qkv.bias"));
    }

    private static WeightRef need(Map<String, WeightRef> params, String key, Path where) throws ModelLoadException {
        WeightRef r = params.get(key);
        if (r == null) {
            throw new ModelLoadException(where, "cannot infer the architecture without " + key);
        }
        return r;
    }
}
