package org.raylens.inference.explain.metrics;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.FloatTensor;

import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Scores many perturbed copies of one image, {@code batch} per forward, reporting each finished batch as progress
 * (counted over {@code total} forwards-worth of images across a whole metrics run) and stopping between batches
 * when cancelled.
 */
final class BatchedScoring {
    private final ImageScorer scorer;
    private final int batch;
    private final Progress progress;
    private final CancellationToken cancel;
    private final long total;
    private long done;

    BatchedScoring(ImageScorer scorer, int batch, Progress progress, CancellationToken cancel, long total) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.scorer = scorer;
        this.batch = batch;
        this.progress = progress;
        this.cancel = cancel;
        this.total = total;
    }

    /** One score per image, in order; each image is (C, H, W) like {@code shape} (1, C, H, W). */
    double[] score(List<float[]> images, long[] shape) {
        int per = Math.toIntExact(shape[1] * shape[2] * shape[3]);
        double[] out = new double[images.size()];
        for (int from = 0; from < images.size(); from += batch) {
            if (cancel.isCancelled()) {
                throw new CancellationException("faithfulness metrics cancelled after " + done + " images");
            }
            int count = Math.min(batch, images.size() - from);
            float[] data = new float[count * per];
            for (int b = 0; b < count; b++) {
                System.arraycopy(images.get(from + b), 0, data, b * per, per);
            }
            double[] s = scorer.scores(new FloatTensor(data, new long[]{count, shape[1], shape[2], shape[3]}), cancel);
            System.arraycopy(s, 0, out, from, count);
            done += count;
            progress.report(done, total, "faithfulness metrics");
        }
        return out;
    }
}
