package org.raylens.app.embed;

import org.raylens.inference.encoder.FloatTensor;
import org.raylens.viewer.source.ImageSource;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and preprocesses the images of an embedding run on one named daemon thread, ahead of the encoder and in the
 * order given, so that decoding image i+1 overlaps the forward of image i. A bounded queue gives back-pressure: at
 * most {@code depth} prepared inputs wait (plus the one being read), whatever the folder's size, so memory stays
 * bounded. A file that cannot be read arrives as a failed {@link Prepared} in its place, so failures are reported in
 * file order as before. Closing stops the thread (Ctrl-C, an error, or the end).
 */
final class EmbedPrefetch implements AutoCloseable {
    /** One image made ready for the encoder, or why it could not be. */
    record Prepared(ImageSource source, FloatTensor tensor, String inputProvenance, String preprocessing,
                    ImageUids uids, Throwable failure) {
        static Prepared failed(ImageSource source, Throwable failure) {
            return new Prepared(source, null, null, null, ImageUids.NONE, failure);
        }
    }

    /** Reads and preprocesses one source (runs on the prefetch thread). */
    @FunctionalInterface
    interface Preparer {
        Prepared prepare(ImageSource source) throws IOException;
    }

    private final List<ImageSource> sources;
    private final BlockingQueue<Prepared> queue;
    private final Thread thread;
    private int delivered;

    EmbedPrefetch(List<ImageSource> sources, Preparer preparer, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("prefetch depth must be at least 1, got " + depth);
        }
        this.sources = List.copyOf(sources);
        this.queue = new ArrayBlockingQueue<>(depth);
        this.thread = new Thread(() -> run(preparer), "raylens-embed-prefetch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Preparer preparer) {
        try {
            for (ImageSource s : sources) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                Prepared p;
                try {
                    p = preparer.prepare(s);
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    // one bad file (or one too big to decode) never stops the batch; an OutOfMemoryError here is that
                    // file's own buffers
                    p = Prepared.failed(s, e);
                } catch (Error e) {
                    // anything else is handed to the consumer, which rethrows it, instead of leaving it waiting
                    queue.put(Prepared.failed(s, e));
                    return;
                }
                queue.put(p); // blocks while the queue is full: the back-pressure
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed: stop quietly, nothing is waiting for more
        }
    }

    /** True while some source has not been handed out. */
    boolean hasNext() {
        return delivered < sources.size();
    }

    /** The next source's prepared input, in the order given; waits while it is being read. */
    Prepared next() throws InterruptedException {
        if (!hasNext()) {
            throw new java.util.NoSuchElementException("all " + sources.size() + " inputs were handed out");
        }
        Prepared p = queue.take();
        delivered++;
        if (p.failure() instanceof Error e && !(e instanceof OutOfMemoryError)) {
            throw e;
        }
        return p;
    }

    /** Stops the reading thread and drops what it prepared; waits briefly for it to finish the file in hand. */
    @Override
    public void close() {
        thread.interrupt();
        queue.clear();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
