package org.raylens.inference.family.evax;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * EVA-X's state-dict key names: the parameters a model of a given geometry must have, with their shapes, and the
 * keys a loader may meet that are not parameters of the encoder.
 */
final class EvaxKeys {
    /** The RoPE tables every block re-lists (a registered sub-module): recomputed for the input size instead. */
    static final Pattern ROPE_BUFFER = Pattern.compile("(blocks\\.\\d+\\.attn\\.)?rope\\.freqs_(cos|sin)");
    /** Masked-image-modelling leftovers of the pretraining checkpoints (eva_x.py drops them). */
    static final Pattern MIM_ONLY = Pattern.compile("mask_token|lm_head\\..+");
    static final String HEAD_WEIGHT = "head.weight";
    static final String HEAD_BIAS = "head.bias";

    private EvaxKeys() {
    }

    /** Every parameter name → shape the encoder reads (no head, no buffers). */
    static Map<String, long[]> expected(EvaxConfig c) {
        long d = c.hiddenSize();
        long h = c.mlpHidden();
        long g = c.grid();
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("cls_token", new long[]{1, 1, d});
        m.put("pos_embed", new long[]{1, 1 + g * g, d});
        m.put("patch_embed.proj.weight", new long[]{d, c.channels(), c.patchSize(), c.patchSize()});
        m.put("patch_embed.proj.bias", new long[]{d});
        for (int i = 0; i < c.layers(); i++) {
            String p = "blocks." + i + ".";
            m.put(p + "norm1.weight", new long[]{d});
            m.put(p + "norm1.bias", new long[]{d});
            if (c.subLn()) {
                m.put(p + "attn.q_proj.weight", new long[]{d, d});
                m.put(p + "attn.k_proj.weight", new long[]{d, d});
                m.put(p + "attn.v_proj.weight", new long[]{d, d});
            } else {
                m.put(p + "attn.qkv.weight", new long[]{3 * d, d});
            }
            m.put(p + "attn.q_bias", new long[]{d});
            m.put(p + "attn.v_bias", new long[]{d});
            m.put(p + "attn.proj.weight", new long[]{d, d});
            m.put(p + "attn.proj.bias", new long[]{d});
            m.put(p + "norm2.weight", new long[]{d});
            m.put(p + "norm2.bias", new long[]{d});
            if (c.subLn()) {
                m.put(p + "mlp.w1.weight", new long[]{h, d});
                m.put(p + "mlp.w1.bias", new long[]{h});
                m.put(p + "mlp.w2.weight", new long[]{h, d});
                m.put(p + "mlp.w2.bias", new long[]{h});
                m.put(p + "mlp.ffn_ln.weight", new long[]{h});
                m.put(p + "mlp.ffn_ln.bias", new long[]{h});
            } else {
                m.put(p + "mlp.w12.weight", new long[]{2 * h, d});
                m.put(p + "mlp.w12.bias", new long[]{2 * h});
            }
            m.put(p + "mlp.w3.weight", new long[]{d, h});
            m.put(p + "mlp.w3.bias", new long[]{d});
        }
        m.put("fc_norm.weight", new long[]{d});
        m.put("fc_norm.bias", new long[]{d});
        return m;
    }

    /**
     * True when the names look like EVA-X's: q/v biases beside a qkv weight (no DINOv2 checkpoint has q_bias), a
     * SwiGLU of either form, or RoPE buffers.
     */
    static boolean looksLikeEvax(java.util.Collection<String> names) {
        boolean qBias = names.contains("blocks.0.attn.q_bias");
        boolean swiglu = names.contains("blocks.0.mlp.w12.weight") || names.contains("blocks.0.mlp.ffn_ln.weight")
                || names.contains("blocks.0.mlp.w1.weight");
        boolean rope = names.contains("rope.freqs_cos") || names.contains("blocks.0.attn.rope.freqs_cos");
        return qBias && swiglu || rope && names.contains("cls_token");
    }
}
