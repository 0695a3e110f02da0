package org.raylens.inference.adapter;

import java.util.Locale;
import java.util.Optional;

/** Which tokens an adapter reads. Register tokens are never used. */
public enum AdapterInput {
    /** The CLS token after the final LayerNorm. */
    CLS("cls"),
    /** CLS concatenated with the mean of the patch tokens (DINOv2's linear-probe recipe). */
    CLS_MEAN_PATCH("cls+mean-patch"),
    /** The patch tokens (attention pooling without CLS; segmentation). */
    PATCH_TOKENS("patch-tokens"),
    /**
     * The encoder family's own pooled image feature ({@link org.raylens.inference.encoder.Encoder#pooling()}): the CLS
     * token for DINOv2, fc_norm(mean of the patch tokens) for EVA-X. What a fine-tuned checkpoint's own head reads.
     */
    POOLED("pooled");

    private final String jsonName;

    AdapterInput(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean usesCls() {
        return this == CLS || this == CLS_MEAN_PATCH;
    }

    /** True when the head reads the family's pooled feature, which only the loaded encoder can compute. */
    public boolean usesPooled() {
        return this == POOLED;
    }

    public boolean usesMeanPatch() {
        return this == CLS_MEAN_PATCH;
    }

    public static Optional<AdapterInput> parse(String s) {
        String k = s.toLowerCase(Locale.ROOT);
        for (AdapterInput t : values()) {
            if (t.jsonName.equals(k)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
