package org.raylens.inference.family.dinov2;

import java.util.LinkedHashMap;
import java.util.Map;

/** The canonical parameter names and shapes a given config requires (mask_token is optional and not listed). */
public final class ExpectedParameters {
    private ExpectedParameters() {
    }

    public static Map<String, long[]> of(Dinov2Config c) {
        long d = c.hiddenSize();
        long h = c.mlpHiddenSize();
        long g = c.nativeGrid();
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("cls_token", new long[]{1, 1, d});
        m.put("pos_embed", new long[]{1, 1 + g * g, d});
        if (c.numRegisterTokens() > 0) {
            m.put("register_tokens", new long[]{1, c.numRegisterTokens(), d});
        }
        m.put("patch_embed.proj.weight", new long[]{d, c.numChannels(), c.patchSize(), c.patchSize()});
        m.put("patch_embed.proj.bias", new long[]{d});
        for (int i = 0; i < c.numLayers(); i++) {
            String p = "blocks." + i + ".";
            m.put(p + "norm1.weight", new long[]{d});
            m.put(p + "norm1.bias", new long[]{d});
            m.put(p + "attn.qkv.weight", new long[]{3 * d, d});
            if (c.qkvBias()) {
                m.put(p + "attn.qkv.bias", new long[]{3 * d});
            }
            m.put(p + "attn.proj.weight", new long[]{d, d});
            m.put(p + "attn.proj.bias", new long[]{d});
            if (c.layerScale()) {
                m.put(p + "ls1.gamma", new long[]{d});
                m.put(p + "ls2.gamma", new long[]{d});
            }
            m.put(p + "norm2.weight", new long[]{d});
            m.put(p + "norm2.bias", new long[]{d});
            if (c.feedForward() == FeedForwardKind.SWIGLU) {
                m.put(p + "mlp.w12.weight", new long[]{2 * h, d});
                m.put(p + "mlp.w12.bias", new long[]{2 * h});
                m.put(p + "mlp.w3.weight", new long[]{d, h});
                m.put(p + "mlp.w3.bias", new long[]{d});
            } else {
                m.put(p + "mlp.fc1.weight", new long[]{h, d});
                m.put(p + "mlp.fc1.bias", new long[]{h});
                m.put(p + "mlp.fc2.weight", new long[]{d, h});
                m.put(p + "mlp.fc2.bias", new long[]{d});
            }
        }
        m.put("norm.weight", new long[]{d});
        m.put("norm.bias", new long[]{d});
        return m;
    }
}
