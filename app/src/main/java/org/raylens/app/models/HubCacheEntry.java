package org.raylens.app.models;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.raylens.inference.hub.CachedModel;
import org.raylens.inference.hub.CachedSnapshot;

/**
 * A loadable snapshot found in the Hugging Face cache, offered in the models panel for import: a model a user
 * already downloaded with Python tools or {@code raylens model get}.
 *
 * @param label  {@code org/name @ main · 71950b6d2d0a · config.json + model.safetensors}
 * @param folder the snapshot folder, what an import validates
 */
public record HubCacheEntry(String label, Path folder) {

    /** The loadable snapshots of {@code models}, those a ref names first, as the cache lists them. */
    static List<HubCacheEntry> of(List<CachedModel> models) {
        List<HubCacheEntry> entries = new ArrayList<>();
        for (CachedModel model : models) {
            for (CachedSnapshot snapshot : model.snapshots()) {
                if (!snapshot.loadable()) {
                    continue;
                }
                String refs = snapshot.refs().isEmpty() ? "" : " @ " + String.join(", ", snapshot.refs());
                entries.add(new HubCacheEntry(model.repo().id() + refs + " \u00b7 " + snapshot.shortCommit()
                        + " \u00b7 " + snapshot.kind().description(), snapshot.folder()));
            }
        }
        return entries;
    }
}
