package org.raylens.viewer.source;

import java.net.URI;
import java.util.List;

/** No installed {@link ImageSourceKind} supports a URI (an unknown scheme, or a shape no kind understands). */
public final class UnsupportedSourceException extends ImageSourceException {
    private static final long serialVersionUID = 1L;

    public UnsupportedSourceException(URI uri, List<String> kinds) {
        super(uri, "no image source kind supports this address (installed kinds: "
                + (kinds.isEmpty() ? "none" : String.join(", ", kinds)) + ")");
    }
}
