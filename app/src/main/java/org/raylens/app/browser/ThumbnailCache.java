package org.raylens.app.browser;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.raylens.app.open.StudyInstance;
import org.raylens.app.open.StudyLoader;
import org.raylens.app.task.BackgroundRunner;

/**
 * Makes thumbnails in the background, one request per image (its URI) however many rows ask, and keeps the most recent
 * {@link #CAPACITY} in memory (a 48-pixel thumbnail is ~9 KB). Files that fail to open get no thumbnail and are not
 * retried until the cache forgets them. Used from the FX thread only.
 */
public final class ThumbnailCache {

    static final int CAPACITY = 512;

    private final StudyLoader loader;
    private final BackgroundRunner runner;
    private final Map<URI, Thumbnail> done = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<URI, Thumbnail> eldest) {
            return size() > CAPACITY;
        }
    };
    private final Map<URI, List<Consumer<Thumbnail>>> pending = new HashMap<>();
    private final java.util.Set<URI> failed = new java.util.HashSet<>();

    public ThumbnailCache(StudyLoader loader, BackgroundRunner runner) {
        this.loader = loader;
        this.runner = runner;
    }

    /**
     * Calls {@code onReady} with the thumbnail, at once when cached, otherwise when made (never when it fails). Only
     * local images get one: a PACS image's thumbnail would fetch its pixels, which are fetched when it is shown.
     */
    public void request(StudyInstance instance, Consumer<Thumbnail> onReady) {
        if (instance.source().localFile().isEmpty()) {
            return;
        }
        URI key = instance.source().uri();
        Thumbnail cached = done.get(key);
        if (cached != null) {
            onReady.accept(cached);
            return;
        }
        if (failed.contains(key)) {
            return;
        }
        List<Consumer<Thumbnail>> waiting = pending.get(key);
        if (waiting != null) {
            waiting.add(onReady);
            return;
        }
        waiting = new ArrayList<>();
        waiting.add(onReady);
        pending.put(key, waiting);
        runner.run(() -> Thumbnail.of(loader.open(instance), Thumbnail.SIZE),
                thumb -> {
                    done.put(key, thumb);
                    List<Consumer<Thumbnail>> ready = pending.remove(key);
                    if (ready != null) {
                        ready.forEach(c -> c.accept(thumb));
                    }
                },
                error -> {
                    pending.remove(key);
                    failed.add(key);
                });
    }

    /** Number of thumbnails held; for tests. */
    public int size() {
        return done.size();
    }
}
