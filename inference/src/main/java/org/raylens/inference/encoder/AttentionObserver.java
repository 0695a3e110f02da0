package org.raylens.inference.encoder;

/**
 * Told each block's attention probabilities as the block finishes, so that a caller can reduce them on the fly (the
 * rollout fuses each layer as it appears instead of holding every layer's raw maps). The buffer may be reused for the
 * next block: copy what must be kept.
 */
@FunctionalInterface
public interface AttentionObserver {
    /** @param probabilities (heads, N, N) of image 0 of {@code layer} */
    void blockAttention(int layer, float[] probabilities, int heads, int tokens);
}
