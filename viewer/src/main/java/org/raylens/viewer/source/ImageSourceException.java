package org.raylens.viewer.source;

import java.net.URI;

/** An image source could not be resolved, read or decoded. The message starts with the source's name (its
 * URI, or its path for a local file). */
public class ImageSourceException extends Exception {
    private static final long serialVersionUID = 1L;

    private final URI uri;

    public ImageSourceException(URI uri, String reason, Throwable cause) {
        this(uri, String.valueOf(uri), reason, cause);
    }

    /**
     * @param subject how the message names the source for people (a file's path reads better than its URI); left
     *                out when {@code reason} already starts with it, as the DICOM reader's messages do
     */
    public ImageSourceException(URI uri, String subject, String reason, Throwable cause) {
        super(reason.startsWith(subject) ? reason : subject + ": " + reason, cause);
        this.uri = uri;
    }

    public ImageSourceException(URI uri, String reason) {
        this(uri, reason, null);
    }

    /** The source that failed. */
    public URI uri() {
        return uri;
    }
}
