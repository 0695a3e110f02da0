package org.raylens.app.analysis;

import java.util.Locale;

/**
 * An explanation method was asked of a model that cannot give what it needs (attention maps, gradients), as its
 * family's capabilities say: refused before the forward pass, naming the method and what the model lacks.
 */
public final class MethodUnavailableException extends UnsupportedOperationException {
    private final String method;
    private final String reason;

    /** @param reason what the model lacks, as {@link MethodAvailability} words it */
    public MethodUnavailableException(String method, String reason) {
        super(method + ": " + reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1));
        this.method = method;
        this.reason = reason;
    }

    public String method() {
        return method;
    }

    public String reason() {
        return reason;
    }
}
