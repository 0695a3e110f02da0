package org.raylens.inference.hub;

import java.util.regex.Pattern;

/**
 * A Hugging Face model repository's id, {@code <org>/<name>} (or a bare {@code <name>} for the few legacy repositories
 * without an owner), checked so that it can name a cache folder and a URL path safely.
 */
public record RepoId(String id) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}");

    public RepoId {
        String[] parts = id.split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("a repository id is <org>/<name>, not " + id);
        }
        for (String part : parts) {
            if (!PART.matcher(part).matches() || part.contains("--") || part.contains("..")) {
                throw new IllegalArgumentException("not a valid repository id: " + id
                        + " (expected <org>/<name> of letters, digits, '-', '_', '.')");
            }
        }
    }

    /** The cache folder's name as huggingface_hub writes it: {@code models--<org>--<name>}. */
    public String cacheFolderName() {
        return "models--" + id.replace("/", "--");
    }

    /** The repository of a cache folder name, or null when the name is not a model repository's folder. */
    static RepoId fromCacheFolderName(String folderName) {
        if (!folderName.startsWith("models--")) {
            return null;
        }
        try {
            return new RepoId(folderName.substring("models--".length()).replace("--", "/"));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
