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
    PATCH_TOKENS("patch-tokens");

    private final String jsonName;

    AdapterInput(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean usesCls() {
        return this != PATCH_TOKENS;
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
