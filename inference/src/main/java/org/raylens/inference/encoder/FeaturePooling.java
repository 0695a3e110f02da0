package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;

/**
 * How a family pools its final tokens into one image feature, as a differentiable DJL computation: what a head on the
 * "pooled" feature reads (EVA-X's fine-tuned classifier, an adapter with input {@code pooled}). It must be computed
 * from the tokens inside the graph, not taken from a forward's plain-array output, so that Grad-CAM's gradients flow
 * through it. DINOv2 pools by the CLS token after the final LayerNorm, which the tokens already are ({@link #CLS});
 * EVA-X applies fc_norm to the mean of the patch tokens.
 *
 * <p>Implementations hold their own parameters as plain values (not the encoder's native arrays), so a head built on
 * them outlives the encoder safely, and create what they need in the tokens' manager, precision and device.
 */
@FunctionalInterface
public interface FeaturePooling {
    /** The CLS token (index 0) of the final tokens: the pooled feature of families that pool by CLS. */
    FeaturePooling CLS = (tokens, layout) -> tokens.get(":, 0, :");

    /**
     * @param tokens (B, N, D) tokens after the encoder's final LayerNorm, laid out as {@code layout} says
     * @return (B, D) the pooled feature
     */
    NDArray pool(NDArray tokens, TokenLayout layout);
}
