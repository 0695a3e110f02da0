package org.raylens.app.embed;

import org.junit.jupiter.api.Test;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.viewer.source.ImageSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embed prefetcher reads the next images while the encoder works on the current one, hands them out in file
 * order with failures in their place, never runs more than its depth ahead, and stops when closed.
 */
class EmbedPrefetchTest {
    /** A source that is only a name: the preparers here read nothing. */
    private record Named(java.net.URI uri) implements ImageSource {
        @Override
        public String displayName() {
            return uri.toString();
        }

        @Override
        public java.util.Optional<org.raylens.viewer.dicom.DicomFile> header() {
            return java.util.Optional.empty();
        }

        @Override
        public org.raylens.viewer.image.DisplayableImage open() {
            throw new UnsupportedOperationException("not read in this test");
        }
    }

    private static List<ImageSource> sources(int n) {
        List<ImageSource> s = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(new Named(java.net.URI.create("test:image-" + i)));
        }
        return s;
    }

    private static EmbedPrefetch.Prepared ok(ImageSource s) {
        return new EmbedPrefetch.Prepared(s, new FloatTensor(new float[1], new long[]{1, 1, 1, 1}), "p", "q", ImageUids.NONE, null);
    }

    @Test
    void readsAheadWhileTheConsumerWorksInOrderWithFailuresInPlace() throws Exception {
        List<ImageSource> in = sources(6);
        CountDownLatch secondRead = new CountDownLatch(1);
        EmbedPrefetch.Preparer preparer = s -> {
            if (s == in.get(1)) {
                secondRead.countDown();
            }
            if (s == in.get(3)) {
                throw new IOException("unreadable");
            }
            return ok(s);
        };
        try (EmbedPrefetch p = new EmbedPrefetch(in, preparer, 2)) {
            assertEquals(in.get(0), p.next().source());
            // the consumer now "runs the forward" of image 0: image 1 is read meanwhile, without being asked for
            assertTrue(secondRead.await(5, TimeUnit.SECONDS), "the next image is read while the current one runs");
            for (int i = 1; i < 6; i++) {
                EmbedPrefetch.Prepared x = p.next();
                assertEquals(in.get(i), x.source(), "file order");
                if (i == 3) {
                    assertInstanceOf(IOException.class, x.failure());
                } else {
                    assertNull(x.failure());
                }
            }
            assertFalse(p.hasNext());
        }
    }

    @Test
    void neverRunsMoreThanItsDepthAheadAndStopsWhenClosed() throws Exception {
        AtomicInteger read = new AtomicInteger();
        EmbedPrefetch p = new EmbedPrefetch(sources(1000), s -> {
            read.incrementAndGet();
            return ok(s);
        }, 3);
        p.next();
        Thread.sleep(300);
        // 1 handed out + 3 waiting in the queue + 1 read and blocked on the full queue
        assertTrue(read.get() <= 5, "read " + read.get() + " ahead of a consumer that took one");
        p.close();
        int after = read.get();
        Thread.sleep(200);
        assertEquals(after, read.get(), "nothing is read after close");
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("raylens-embed-prefetch") && t.isAlive()), "the thread has ended");
    }
}
