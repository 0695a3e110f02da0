package org.raylens.inference.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * A model repository found in the Hugging Face cache ({@code models--<org>--<name>}).
 *
 * @param problem empty, or why the folder could not be read as a cache entry (it is listed anyway)
 */
public record CachedModel(RepoId repo, Path folder, List<CachedSnapshot> snapshots, String problem) {
    /** True when one of its snapshots looks loadable. */
    public boolean loadable() {
        return snapshots.stream().anyMatch(CachedSnapshot::loadable);
    }
}
