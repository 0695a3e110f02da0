package org.raylens.inference.adapter;

import java.util.Locale;
import java.util.Optional;

/** The kinds of adapter head, with the names {@code adapter.json} and the command line use. */
public enum AdapterType {
    /** One linear layer on CLS (or CLS + mean patch): sigmoid multi-label or softmax multi-class. */
    LINEAR("linear"),
    /** A learned query attends over the patch tokens; the pooled vector (with CLS per input) feeds a GELU MLP. */
    ATTENTION_POOL_MLP("attention-pool-mlp"),
    /** One linear map per patch token → a logits grid. */
    SEGMENTATION_LINEAR("segmentation-linear"),
    /** 3×3 conv → GELU → 1×1 conv over the patch grid → a logits grid. */
    SEGMENTATION_CONV("segmentation-conv");

    private final String jsonName;

    AdapterType(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public boolean isSegmentation() {
        return this == SEGMENTATION_LINEAR || this == SEGMENTATION_CONV;
    }

    /** Whether training must cache every patch token (not only CLS and the mean patch). */
    public boolean needsPatchTokens() {
        return this != LINEAR;
    }

    public static Optional<AdapterType> parse(String s) {
        String k = s.toLowerCase(Locale.ROOT);
        for (AdapterType t : values()) {
            if (t.jsonName.equals(k)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
