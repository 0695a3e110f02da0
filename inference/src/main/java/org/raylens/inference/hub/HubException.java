package org.raylens.inference.hub;

/**
 * A download from the Hub failed; {@link #kind()} says why and the message says what to do. Thrown before anything
 * enters the cache's snapshots: a failed file never becomes part of a model. Kinds marked resumable leave the part
 * file ({@code blobs/<etag>.incomplete}) for the next run to go on from.
 */
public final class HubException extends RuntimeException {

    /** Why a download failed. */
    public enum Kind {
        /** 401: the repository is gated or private (or does not exist) and no token, or a refused one, was sent. */
        UNAUTHORIZED(false),
        /** 403: the token is valid but has no access (gated: access not yet granted). */
        FORBIDDEN(false),
        /** 404: the repository, revision or file does not exist. */
        NOT_FOUND(false),
        /** 429: the Hub asks to slow down. */
        RATE_LIMITED(false),
        /** 5xx: the Hub failed; try again later. */
        SERVER_ERROR(false),
        /** Any other unexpected status or a response missing the Hub's headers. */
        BAD_RESPONSE(false),
        /** Redirects went round in a circle or too deep. */
        REDIRECT_LOOP(false),
        /** A URL that is not HTTPS (and not loopback). */
        INSECURE_URL(false),
        /** The connection failed or timed out before the file's first byte. */
        NETWORK(true),
        /** The body stopped early or stalled; the part file is kept and a rerun resumes it. */
        TRUNCATED(true),
        /** The bytes do not hash to the server's ETag: the part file is deleted, nothing enters the cache. */
        CHECKSUM_MISMATCH(false);

        private final boolean resumable;

        Kind(boolean resumable) {
            this.resumable = resumable;
        }

        /** True when a rerun goes on from the bytes already downloaded. */
        public boolean resumable() {
            return resumable;
        }
    }

    private final Kind kind;

    public HubException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public HubException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
