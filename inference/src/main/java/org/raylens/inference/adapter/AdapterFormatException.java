package org.raylens.inference.adapter;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An adapter folder that cannot be used: unreadable or invalid {@code adapter.json}, a missing or misshapen tensor
 * in {@code weights.safetensors}. {@link #field()} names the JSON field or tensor at fault so the message can say
 * exactly what to fix.
 */
public class AdapterFormatException extends IOException {
    private final Path location;
    private final String field;

    public AdapterFormatException(Path location, String field, String message) {
        this(location, field, message, null);
    }

    public AdapterFormatException(Path location, String field, String message, Throwable cause) {
        super(location + ": " + (field == null ? "" : field + ": ") + message, cause);
        this.location = location;
        this.field = field;
    }

    public Path location() {
        return location;
    }

    /** The JSON field (dotted path) or tensor name at fault, or null for the file as a whole. */
    public String field() {
        return field;
    }
}
