package org.raylens.inference.hub;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link HubDownloader#download} left in the cache.
 *
 * @param snapshotFolder {@code snapshots/<commit>/}: the model folder to open
 * @param fetched        the files that were downloaded now (the rest were in the cache already)
 */
public record DownloadResult(RepoId repo, String revision, String commit, Path snapshotFolder, List<String> files,
                             List<String> fetched) {
}
