package org.raylens.overlays.export.dicom;

import java.util.Objects;

/**
 * What made a result, as every derived object records it: the model (its name and weights SHA-256), what ran on it
 * (an adapter or an explanation method, with its parameters) and the input recipe.
 *
 * @param name          short algorithm name, e.g. the adapter's name or "attention" (at most 64 characters kept)
 * @param modelName     the encoder's name or folder
 * @param weightsSha256 SHA-256 of the encoder's weights, or null when unknown (the demo encoder)
 * @param parameters    the full provenance line: method parameters, adapter, preprocessing/input recipe
 * @param softwareVersion RayLens's version
 */
public record AlgorithmIdentity(String name, String modelName, String weightsSha256, String parameters,
        String softwareVersion) {

    public AlgorithmIdentity {
        Objects.requireNonNull(name, "name");
        modelName = modelName == null ? "unknown model" : modelName;
        parameters = parameters == null ? "" : parameters;
        softwareVersion = softwareVersion == null ? "unknown" : softwareVersion;
    }

    /** The algorithm version recorded: the weights' SHA-256 names the model exactly. */
    String version() {
        return weightsSha256 == null ? "weights sha256 unknown" : "sha256:" + weightsSha256;
    }
}
