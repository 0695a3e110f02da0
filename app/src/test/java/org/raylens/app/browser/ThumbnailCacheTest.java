package org.raylens.app.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.app.FakeStudyLoader;
import org.raylens.app.open.StudyInstance;
import org.raylens.app.task.QueuedRunner;

class ThumbnailCacheTest {

    @Test
    void oneDecodePerFileHoweverManyRowsAskAndFailuresAreNotRetried() {
        QueuedRunner runner = new QueuedRunner();
        ThumbnailCache cache = new ThumbnailCache(new FakeStudyLoader(), runner);
        StudyInstance a = FakeStudyLoader.instance("a.dcm", "a");
        StudyInstance broken = FakeStudyLoader.instance("broken.dcm", "b");
        List<Thumbnail> got = new ArrayList<>();
        cache.request(a, got::add);
        cache.request(a, got::add);
        cache.request(broken, got::add);
        assertEquals(2, runner.pendingCount(), "one job per file");
        runner.completeAll();
        assertEquals(2, got.size(), "both rows of a got the thumbnail");
        Thumbnail t = got.get(0);
        assertEquals(Thumbnail.SIZE, Math.max(t.width(), t.height()), "fitted into the square");
        assertEquals(Math.round(Thumbnail.SIZE * 200 / 300.0), t.height(), "aspect ratio kept (300x200 image)");
        cache.request(a, got::add);
        assertEquals(3, got.size(), "served from the cache at once");
        cache.request(broken, got::add);
        assertEquals(0, runner.pendingCount(), "a failed file is not decoded again");
        assertTrue(cache.size() == 1);
    }
}
