package org.raylens.inference.encoder;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;

/**
 * Forward passes of one {@link Encoder} on one thread (not thread-safe; one per thread). Every native array a pass
 * creates is freed before the call returns; results leave as plain arrays.
 */
public interface EncoderSession extends AutoCloseable {

    /**
     * A batched forward (embeddings, training features, adapter scores).
     *
     * @param images (B, C, H, W) already normalised float32
     * @throws AttentionsUnavailableException when {@code options} asks for attentions the family cannot give
     */
    EncoderOutput forward(FloatTensor images, ForwardOptions options, Progress progress, CancellationToken cancel);

    /** As {@link #forward(FloatTensor, ForwardOptions, Progress, CancellationToken)} without progress or cancel. */
    default EncoderOutput forward(FloatTensor images, ForwardOptions options) {
        return forward(images, options, Progress.NONE, CancellationToken.NONE);
    }

    /**
     * One image's forward that keeps what {@code request} asks for: the raw attention of some layers, every block's
     * attention handed to the request's observer as it appears, and a gradient tail.
     *
     * @param image (1, C, H, W) normalised float32
     * @throws AttentionsUnavailableException when attentions are asked of a family that has none
     * @throws UnsupportedOperationException  when a gradient tail is asked of a family that has none
     */
    TracedForward trace(FloatTensor image, TraceRequest request, Progress progress, CancellationToken cancel);

    @Override
    void close();
}
