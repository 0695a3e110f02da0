package org.raylens.viewer.source;

import java.net.URI;

/**
 * One kind of image source (local files, later DICOMweb), found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/org.raylens.viewer.source.ImageSourceKind}. Like QuPath's {@code ImageServerBuilder},
 * each kind says how well it supports a URI and the {@link ImageSourceRegistry} lets the best one open it, so a new
 * kind is a new class, not a branch in the callers. Implementations need a public no-argument constructor and must
 * be thread-safe.
 */
public interface ImageSourceKind {

    /** Short name for messages and the registry's tie-break, e.g. "file". */
    String name();

    /**
     * How well this kind supports {@code uri}: 0 (or less) for not at all, higher for better. Cheap: it looks at the
     * URI only, never at the data behind it. A kind that merely could read it answers low, a specialist high.
     */
    double supportScore(URI uri);

    /**
     * The source at {@code uri}. Reads nothing but what is needed to know the source is there; the header and the
     * pixels are read when asked for.
     *
     * @throws ImageSourceException when the URI is malformed for this kind or names nothing that exists
     */
    ImageSource open(URI uri) throws ImageSourceException;
}
