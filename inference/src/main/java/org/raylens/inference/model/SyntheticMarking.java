package org.raylens.inference.model;

import com.google.gson.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * How a model folder says its weights are random (written by
 * {@code org.raylens.inference.family.dinov2.SyntheticModelFolder}): read here, where every checkpoint is loaded, so
 * that loading does not depend on the package that writes synthetic models.
 */
public final class SyntheticMarking {

    /**
     * The config.json field that marks a folder's weights as random. The folder itself carries the marking, so a
     * synthetic model stays marked however it reaches RayLens (imported in the window, named on the command line,
     * reopened after a restart); Hugging Face tools ignore fields they do not know.
     */
    public static final String CONFIG_FIELD = "raylens_synthetic";
    /** How the weights file's own header names its generator (folders written before the config field). */
    public static final String GENERATOR_PREFIX = "RayLens SyntheticModelFolder";

    private SyntheticMarking() {
    }

    /**
     * True when the folder says its weights are random: config.json has {@code "raylens_synthetic": true}, or the
     * weights' safetensors metadata names RayLens's synthetic-model writer as their generator.
     *
     * @throws ModelLoadException when config.json exists but is not a JSON object
     */
    public static boolean isMarked(Path folder, Map<String, String> weightsMetadata) throws ModelLoadException {
        String generator = weightsMetadata.get("generator");
        if (generator != null && generator.startsWith(GENERATOR_PREFIX)) {
            return true;
        }
        Path config = folder.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return false;
        }
        try {
            JsonObject o = com.google.gson.JsonParser.parseString(Files.readString(config)).getAsJsonObject();
            return o.has(CONFIG_FIELD) && o.get(CONFIG_FIELD).isJsonPrimitive() && o.get(CONFIG_FIELD).getAsBoolean();
        } catch (IOException | RuntimeException e) {
            throw new ModelLoadException(config, "cannot read config.json: " + e.getMessage(), e);
        }
    }
}
