package org.raylens.inference.model;

import java.nio.file.Path;

/**
 * A value in a model folder's configuration (config.json, preprocessor_config.json, or what the weights would have
 * to prove) that is absent, of the wrong type or outside its allowed range. The message names the file, the key,
 * what was found and what is allowed, so a user can fix the file rather than guess; {@link #key()} lets callers and
 * tests tell which value it was.
 */
public final class ConfigValueException extends ModelLoadException {
    private final String key;
    private final String allowed;

    private ConfigValueException(Path file, String key, String message, String allowed) {
        super(file, message);
        this.key = key;
        this.allowed = allowed;
    }

    /** {@code key} holds {@code found}, which is not {@code allowed} (e.g. "an integer in 1..4096"). */
    public static ConfigValueException invalid(Path file, String key, Object found, String allowed) {
        return new ConfigValueException(file, key, key + " = " + found + " is not allowed: it must be " + allowed,
                allowed);
    }

    /** A required value is absent and cannot be recovered; {@code why} says why and how to supply it. */
    public static ConfigValueException missing(Path file, String key, String why) {
        return new ConfigValueException(file, key, key + " is missing: " + why, "present");
    }

    public String key() {
        return key;
    }

    /** What the value must be, in words. */
    public String allowed() {
        return allowed;
    }
}
