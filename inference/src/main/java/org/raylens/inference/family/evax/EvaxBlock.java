package org.raylens.inference.family.evax;

import ai.djl.ndarray.NDArray;
import org.raylens.inference.encoder.FeedForward;
import org.raylens.inference.encoder.LayerNorm;

/**
 * EVA-X's pre-norm block: x + attn(norm1(x)), then + mlp(norm2(·)). No LayerScale (init_values is None in every
 * EVA-X factory) and drop-path is off at inference. All operations are out of place, so one code path serves plain
 * forwards and gradient tails.
 */
final class EvaxBlock {
    private final LayerNorm norm1;
    private final EvaxAttention attention;
    private final LayerNorm norm2;
    private final FeedForward mlp;

    EvaxBlock(LayerNorm norm1, EvaxAttention attention, LayerNorm norm2, FeedForward mlp) {
        this.norm1 = norm1;
        this.attention = attention;
        this.norm2 = norm2;
        this.mlp = mlp;
    }

    NDArray apply(NDArray x, NDArray cos, NDArray signedSin, float[] probabilities) {
        return fromNorm1(x, norm1.apply(x), cos, signedSin, probabilities);
    }

    NDArray norm1(NDArray x) {
        return norm1.apply(x);
    }

    /**
     * The block given its first LayerNorm's output {@code n1} (a gradient leaf may stand in for norm1(x); the
     * residual x then carries no gradient, exactly what a hook on norm1's output sees in PyTorch).
     */
    NDArray fromNorm1(NDArray x, NDArray n1, NDArray cos, NDArray signedSin, float[] probabilities) {
        NDArray h = attention.apply(n1, cos, signedSin, probabilities).add(x);
        return mlp.apply(norm2.apply(h)).add(h);
    }
}
