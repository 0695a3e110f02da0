package org.raylens.inference.family.dinov2;

import java.util.Set;

/** How a checkpoint names its tensors. */
public enum WeightNaming {
    /** HF transformers' Dinov2Model names ({@code embeddings.cls_token}, {@code encoder.layer.N...}), maybe under {@code dinov2.}. */
    HF,
    /** facebookresearch/dinov2's own names ({@code cls_token}, {@code blocks.N.attn.qkv}), as in backbone_compatible.safetensors. */
    DINOV2_NATIVE;

    /** Decides from the key set; null when neither naming's anchor tensor is present. */
    public static WeightNaming detect(Set<String> keys) {
        for (String k : keys) {
            if (Dinov2KeyMapping.stripHfPrefix(k).equals("embeddings.cls_token")) {
                return HF;
            }
        }
        return keys.contains("cls_token") ? DINOV2_NATIVE : null;
    }
}
