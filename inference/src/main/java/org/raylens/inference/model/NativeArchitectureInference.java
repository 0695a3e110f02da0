package org.raylens.inference.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recovers a Dinov2Config from the shapes of a checkpoint that came without config.json (DINOv2-native files such as
 * backbone_compatible.safetensors). Everything but the head count is in the shapes; the head count is not, so it is
 * taken from the caller, or else from the DINOv2 convention (64 channels per head, true of ViT-S/B/L/g) and the
 * assumption is reported. LayerNorm eps is DINOv2's own 1e-6.
 */
public final class NativeArchitectureInference {
    public static final double DINOV2_LAYER_NORM_EPS = 1e-6;
    public static final int DINOV2_HEAD_DIM = 64;

    /** The config plus a sentence for every value that was assumed rather than read from the shapes. */
    public record Inferred(Dinov2Config config, List<String> assumptions) {
    }

    private NativeArchitectureInference() {
    }

    public static Inferred infer(Map<String, WeightRef> params, Integer headsOverride, Path where) throws ModelLoadException {
        WeightRef cls = need(params, "cls_token", where);
        WeightRef proj = need(params, "patch_embed.proj.weight", where);
        WeightRef pos = need(params, "pos_embed", where);
        long[] cs = cls.shape();
        long[] ps = proj.shape();
        long[] pe = pos.shape();
        if (cs.length != 3 || ps.length != 4 || pe.length != 3 || ps[2] != ps[3]) {
            throw new ModelLoadException(where, "cannot infer the architecture: cls_token " + java.util.Arrays.toString(cs)
                    + ", patch_embed.proj.weight " + java.util.Arrays.toString(ps) + ", pos_embed "
                    + java.util.Arrays.toString(pe) + " are not a ViT's shapes");
        }
        int d = (int) cs[2];
        int patch = (int) ps[2];
        int grid = (int) Math.round(Math.sqrt(pe[1] - 1));
        if ((long) grid * grid != pe[1] - 1) {
            throw new ModelLoadException(where, "pos_embed has " + pe[1] + " tokens, not 1 + a square grid");
        }
        Set<Integer> layers = Dinov2KeyMapping.layerIndices(params.keySet());
        if (layers.isEmpty()) {
            throw new ModelLoadException(where, "no transformer blocks (blocks.N.*) in the checkpoint");
        }
        int numLayers = layers.stream().mapToInt(Integer::intValue).max().getAsInt() + 1;
        boolean swiglu = params.containsKey("blocks.0.mlp.w12.weight");
        WeightRef hiddenW = swiglu ? params.get("blocks.0.mlp.w12.weight") : params.get("blocks.0.mlp.fc1.weight");
        if (hiddenW == null) {
            throw new ModelLoadException(where, "block 0 has neither mlp.fc1.weight nor mlp.w12.weight");
        }
        int mlpHidden = (int) (swiglu ? hiddenW.shape()[0] / 2 : hiddenW.shape()[0]);
        int registers = params.containsKey("register_tokens") ? (int) params.get("register_tokens").shape()[1] : 0;
        List<String> assumptions = new java.util.ArrayList<>();
        int heads;
        if (headsOverride != null) {
            heads = headsOverride;
            assumptions.add("attention heads = " + heads + " (given by the caller; shapes cannot tell)");
        } else {
            heads = Math.max(1, d / DINOV2_HEAD_DIM);
            assumptions.add("attention heads = " + heads + " (DINOv2 convention of " + DINOV2_HEAD_DIM
                    + " channels per head; shapes cannot tell — put a config.json beside the weights to state it)");
        }
        assumptions.add("layer_norm_eps = 1e-6 (DINOv2's LayerNorm)");
        try {
            return new Inferred(new Dinov2Config(d, numLayers, heads, patch, grid * patch, (int) ps[1], mlpHidden,
                    DINOV2_LAYER_NORM_EPS, params.containsKey("blocks.0.ls1.gamma"),
                    params.containsKey("blocks.0.attn.qkv.bias"),
                    swiglu ? FeedForwardKind.SWIGLU : FeedForwardKind.MLP_GELU, registers), assumptions);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(where, "inferred architecture is invalid: " + e.getMessage(), e);
        }
    }

    private static WeightRef need(Map<String, WeightRef> params, String key, Path where) throws ModelLoadException {
        WeightRef r = params.get(key);
        if (r == null) {
            throw new ModelLoadException(where, "cannot infer the architecture without " + key);
        }
        return r;
    }
}
