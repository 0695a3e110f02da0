package org.raylens.inference.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code snapshots/<commit>/} folder of a cached repository.
 *
 * @param refs         the revisions ({@code main}, a tag) whose {@code refs/} file names this commit
 * @param files        the files in it, relative, '/'-separated
 * @param missingBlobs files whose link points to a blob that is not there (an interrupted or pruned download)
 * @param kind         whether RayLens can load the folder
 */
public record CachedSnapshot(String commit, Path folder, List<String> refs, List<String> files,
                             List<String> missingBlobs, ModelFolderCheck.Kind kind) {
    /** The commit's first 12 characters, as git abbreviates it (the whole name when shorter). */
    public String shortCommit() {
        return commit.length() > 12 ? commit.substring(0, 12) : commit;
    }

    public boolean loadable() {
        return kind != ModelFolderCheck.Kind.NONE;
    }
}
