package org.raylens.inference.adapter;

import java.util.Locale;
import java.util.Optional;

/** What the outputs mean: independent sigmoids, one softmax over classes, or per-pixel mask sigmoids. */
public enum AdapterTask {
    MULTILABEL("multilabel"),
    MULTICLASS("multiclass"),
    SEGMENTATION("segmentation");

    private final String jsonName;

    AdapterTask(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static Optional<AdapterTask> parse(String s) {
        String k = s.toLowerCase(Locale.ROOT);
        for (AdapterTask t : values()) {
            if (t.jsonName.equals(k)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
