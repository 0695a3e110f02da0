package org.raylens.inference.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A model folder that cannot become an encoder: no weights file, an unreadable or contradictory config, missing or
 * unexpected tensors, or a tensor of the wrong shape. The message names every offending key so a user can see
 * whether they picked the wrong checkpoint or a different architecture.
 */
public class ModelLoadException extends IOException {
    private final Path location;
    private final List<String> missingKeys;
    private final List<String> unexpectedKeys;
    private final List<String> shapeMismatches;

    public ModelLoadException(Path location, String message) {
        this(location, message, List.of(), List.of(), List.of());
    }

    public ModelLoadException(Path location, String message, Throwable cause) {
        super(location + ": " + message, cause);
        this.location = location;
        this.missingKeys = List.of();
        this.unexpectedKeys = List.of();
        this.shapeMismatches = List.of();
    }

    public ModelLoadException(Path location, String message, List<String> missing, List<String> unexpected,
                              List<String> shapeMismatches) {
        super(location + ": " + message + describe(missing, unexpected, shapeMismatches));
        this.location = location;
        this.missingKeys = List.copyOf(missing);
        this.unexpectedKeys = List.copyOf(unexpected);
        this.shapeMismatches = List.copyOf(shapeMismatches);
    }

    private static String describe(List<String> missing, List<String> unexpected, List<String> shapes) {
        StringBuilder sb = new StringBuilder();
        if (!missing.isEmpty()) {
            sb.append("\n  missing keys: ").append(String.join(", ", missing));
        }
        if (!unexpected.isEmpty()) {
            sb.append("\n  unexpected keys: ").append(String.join(", ", unexpected));
        }
        if (!shapes.isEmpty()) {
            sb.append("\n  shape mismatches: ").append(String.join("; ", shapes));
        }
        return sb.toString();
    }

    public Path location() {
        return location;
    }

    public List<String> missingKeys() {
        return missingKeys;
    }

    public List<String> unexpectedKeys() {
        return unexpectedKeys;
    }

    public List<String> shapeMismatches() {
        return shapeMismatches;
    }
}
