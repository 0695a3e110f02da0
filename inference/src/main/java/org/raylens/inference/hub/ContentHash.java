package org.raylens.inference.hub;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checks downloaded bytes against the Hub's ETag, which names the content: an LFS file's ETag is its sha256 (64 hex
 * digits), a regular git file's is its git blob id, the sha1 of {@code "blob <size>\0"} followed by the bytes (40 hex
 * digits). huggingface_hub itself only compares sizes; checking the hash too means a corrupted or tampered transfer can
 * never be moved into the cache, weights and small JSON files alike.
 */
final class ContentHash {
    private final String etag;
    private final long size;
    private final boolean gitBlob;
    private MessageDigest digest;

    private ContentHash(String etag, long size, boolean gitBlob) {
        this.etag = etag;
        this.size = size;
        this.gitBlob = gitBlob;
        reset();
    }

    /** The check for {@code etag} (already normalised); a malformed ETag is a {@link HubException}. */
    static ContentHash forEtag(String etag, long size) {
        if (HubPaths.SHA256.matcher(etag).matches()) {
            return new ContentHash(etag, size, false);
        }
        if (HubPaths.GIT_SHA1.matcher(etag).matches()) {
            return new ContentHash(etag, size, true);
        }
        throw new HubException(HubException.Kind.BAD_RESPONSE,
                "the server's ETag '" + etag + "' is neither a sha256 nor a git blob id; cannot verify the file");
    }

    /** Starts over (the server restarted the body from byte 0). */
    void reset() {
        try {
            digest = MessageDigest.getInstance(gitBlob ? "SHA-1" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1 and SHA-256", e);
        }
        if (gitBlob) {
            digest.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
        }
    }

    void update(ByteBuffer bytes) {
        digest.update(bytes);
    }

    /** The hash of what was fed, in hex. */
    String finish() {
        return HexFormat.of().formatHex(digest.digest());
    }

    String etag() {
        return etag;
    }

    String algorithm() {
        return gitBlob ? "git blob sha1" : "sha256";
    }
}
