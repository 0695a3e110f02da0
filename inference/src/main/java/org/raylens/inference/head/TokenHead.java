package org.raylens.inference.head;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.raylens.inference.encoder.TokenLayout;

/**
 * A differentiable head on an encoder's final token sequence: what task adapters implement and what Grad-CAM
 * explains ("what to explain" kept apart from "how", as in pytorch-grad-cam). Implementations use only DJL
 * operations on their inputs and their own parameters, so gradients flow back into the tokens inside a
 * {@code GradientCollector}.
 */
public interface TokenHead {

    /**
     * Scores for a batch.
     *
     * @param tokens (B, N, D) tokens after the encoder's final LayerNorm, laid out as {@code layout} says
     * @return (B, outputs()) logits (before sigmoid/softmax); for segmentation heads (B, outputs(), rows, cols)
     */
    NDArray forward(NDArray tokens, TokenLayout layout);

    /** Number of outputs (classes, or mask channels). */
    int outputs();

    /** One label per output, in order. */
    List<String> labels();
}
