package org.raylens.inference.hub;

import java.util.regex.Pattern;

/**
 * The rules for the names that come from a user or a server and end up in cache paths: a file name inside a
 * repository, a revision, a commit hash, an ETag. Each is checked before anything touches the disk, so that a
 * crafted name (or a hostile server's header) can never point outside the cache folder.
 */
final class HubPaths {
    /** A full commit hash: the snapshot folder's name. */
    static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    /** An LFS file's ETag: its sha256. */
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** A regular (git) file's ETag: its git blob sha1. */
    static final Pattern GIT_SHA1 = COMMIT;
    private static final Pattern SEGMENT = Pattern.compile("[^/\\\\:\\x00-\\x1f]+");

    private HubPaths() {}

    /**
     * A repository file name ({@code config.json}, {@code sub/dir/weights.pt}): '/'-separated relative segments, no
     * '..', '.', backslash, drive letter or control character.
     */
    static String checkFileName(String name) {
        checkSegments(name, "file name");
        return name;
    }

    /** A revision: a branch, a tag ({@code v1.0}), a PR ref ({@code refs/pr/1}) or a commit hash. */
    static String checkRevision(String revision) {
        checkSegments(revision, "revision");
        return revision;
    }

    private static void checkSegments(String value, String what) {
        if (value.isEmpty() || value.startsWith("/") || value.endsWith("/")) {
            throw new IllegalArgumentException("not a valid " + what + ": '" + value + "'");
        }
        for (String segment : value.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".") || !SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("not a valid " + what + ": '" + value + "'");
            }
        }
    }

    /** The ETag header's value without the weak marker and quotes, as huggingface_hub stores it. */
    static String normalizeEtag(String etag) {
        String value = etag.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return value;
    }
}
