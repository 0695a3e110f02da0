package org.raylens.viewer.study;

import org.raylens.core.progress.Progress;
import org.raylens.core.progress.CancellationToken;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.raylens.viewer.dicom.DicomException;
import org.raylens.viewer.dicom.DicomFile;

/**
 * Reads many headers on a small pool of named daemon threads and hands each result to the calling thread, in
 * completion order, so the consumer needs no locking. At most a few tasks per thread are in flight: memory stays
 * flat for 100 000 files and cancellation takes effect within a file or two per thread.
 */
final class ParallelHeaderReader {
    /** The outcome for one file: the header, or why it could not be read. */
    record Result(Path path, DicomFile header, Exception error) {}

    interface Consumer {
        void accept(Result result);
    }

    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final int threads;
    private final HeaderReader headers;

    ParallelHeaderReader(int threads) {
        this(threads, HeaderReader.DICOM);
    }

    ParallelHeaderReader(int threads, HeaderReader headers) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.threads = threads;
        this.headers = java.util.Objects.requireNonNull(headers, "headers");
    }

    static int defaultThreads() {
        // Header reads are I/O-bound on cold disks and CPU-light: a few more threads than cores helps, many hurt.
        return Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() * 2));
    }

    void readAll(List<Path> files, Consumer consumer, Progress progress, CancellationToken cancel) {
        ExecutorService pool = Executors.newFixedThreadPool(threads, namedDaemons());
        try {
            CompletionService<Result> done = new ExecutorCompletionService<>(pool);
            int maxInFlight = threads * 4;
            int submitted = 0;
            int completed = 0;
            progress.report(0, files.size());
            while (completed < files.size()) {
                if (cancel.isCancelled()) {
                    throw new CancellationException("indexing cancelled after " + completed + " of "
                            + files.size() + " files");
                }
                while (submitted < files.size() && submitted - completed < maxInFlight) {
                    Path path = files.get(submitted++);
                    done.submit(() -> readOne(path));
                }
                Future<Result> next = done.take();
                consumer.accept(next.get());
                completed++;
                progress.report(completed, files.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("indexing interrupted");
        } catch (ExecutionException e) {
            // readOne catches everything a file can cause; reaching here means an Error (e.g. out of memory).
            throw new IllegalStateException("header reader failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Result readOne(Path path) {
        try {
            return new Result(path, headers.read(path), null);
        } catch (DicomException e) {
            return new Result(path, null, e);
        } catch (RuntimeException e) {
            // A bug, not a property of the file; recorded against the file so one bad input never aborts a scan.
            return new Result(path, null, e);
        }
    }

    private static ThreadFactory namedDaemons() {
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "raylens-index-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
