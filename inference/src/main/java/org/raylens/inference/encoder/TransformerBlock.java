package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;

/** x + ls1(attn(norm1(x))), then + ls2(ffn(norm2(·))): DINOv2's pre-norm block (drop-path is off at inference). */
final class TransformerBlock {
    private final LayerNorm norm1;
    private final SelfAttention attention;
    private final LayerScale ls1;
    private final LayerNorm norm2;
    private final FeedForward feedForward;
    private final LayerScale ls2;

    TransformerBlock(LayerNorm norm1, SelfAttention attention, LayerScale ls1, LayerNorm norm2, FeedForward feedForward,
                     LayerScale ls2) {
        this.norm1 = norm1;
        this.attention = attention;
        this.ls1 = ls1;
        this.norm2 = norm2;
        this.feedForward = feedForward;
        this.ls2 = ls2;
    }

    /**
     * @param probabilities where the attention probabilities (B, heads, N, N) go, or null
     * @return the block output; x itself is left unchanged
     */
    NDArray apply(NDArray x, float[] probabilities) {
        return apply(x, probabilities, null);
    }

    /**
     * @param norm1Tap when non-null, receives the first LayerNorm's output and returns the array to continue with
     *                 (the same one, perhaps marked to collect gradients); it then owns that array
     */
    NDArray apply(NDArray x, float[] probabilities, java.util.function.UnaryOperator<NDArray> norm1Tap) {
        NDArray n1 = norm1.apply(x);
        if (norm1Tap != null) {
            n1 = norm1Tap.apply(n1);
        }
        NDArray attn = attention.apply(n1, probabilities);
        if (norm1Tap == null) {
            n1.close();
        }
        // branch·gamma + x computed in place on the branch: the same sum as x + gamma·branch, no extra tensor
        NDArray h = ls1.applyInPlace(attn).addi(x);
        NDArray n2 = norm2.apply(h);
        NDArray ff = feedForward.apply(n2);
        n2.close();
        NDArray out = ls2.applyInPlace(ff).addi(h);
        h.close();
        return out;
    }
}
