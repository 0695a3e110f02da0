package org.raylens.inference.model;

import java.nio.file.Path;

/**
 * Choices for loading a model folder. {@code weightsFile}: a file name inside the folder to use instead of the
 * automatic choice; {@code heads}: the head count for a native checkpoint without config.json.
 */
public record LoadOptions(String weightsFile, Integer heads, boolean useConfigJson) {
    public static LoadOptions defaults() {
        return new LoadOptions(null, null, true);
    }

    public LoadOptions withWeightsFile(String name) {
        return new LoadOptions(name, heads, useConfigJson);
    }

    public LoadOptions withHeads(int h) {
        return new LoadOptions(weightsFile, h, useConfigJson);
    }

    /** Ignore config.json and infer everything from the shapes (native checkpoints). */
    public LoadOptions ignoringConfigJson() {
        return new LoadOptions(weightsFile, heads, false);
    }
}
