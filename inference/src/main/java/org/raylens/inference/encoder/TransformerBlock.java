package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;

/** x + ls1(attn(norm1(x))), then + ls2(ffn(norm2(·))): DINOv2's pre-norm block (drop-path is off at inference). */
public final class TransformerBlock {
    private final LayerNorm norm1;
    private final SelfAttention attention;
    private final LayerScale ls1;
    private final LayerNorm norm2;
    private final FeedForward feedForward;
    private final LayerScale ls2;

    public TransformerBlock(LayerNorm norm1, SelfAttention attention, LayerScale ls1, LayerNorm norm2,
                            FeedForward feedForward, LayerScale ls2) {
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
    public NDArray apply(NDArray x, float[] probabilities) {
        return apply(x, probabilities == null ? null : AttentionCopy.all(probabilities));
    }

    /**
     * @param probabilities where the attention probabilities (all rows or some query rows) go, or null
     * @return the block output; x itself is left unchanged
     */
    public NDArray apply(NDArray x, AttentionCopy probabilities) {
        NDArray n1 = norm1.apply(x);
        NDArray attn = attention.apply(n1, probabilities);
        n1.close();
        // branch·gamma + x computed in place on the branch: the same sum as x + gamma·branch, no extra tensor
        NDArray h = ls1.applyInPlace(attn).addi(x);
        NDArray n2 = norm2.apply(h);
        NDArray ff = feedForward.apply(n2);
        n2.close();
        NDArray out = ls2.applyInPlace(ff).addi(h);
        h.close();
        return out;
    }

    /** The block's first LayerNorm applied to x (Grad-CAM's default target: pytorch-grad-cam's and EVA-X's ViT recipe). */
    public NDArray norm1(NDArray x) {
        return norm1.apply(x);
    }

    /**
     * The block from its first LayerNorm's output on, for a pass that records gradients: x + ls1(attn(n1)), then the
     * MLP half. {@code n1} must equal norm1(x) (it may be a gradient leaf standing in for it; then the residual x
     * carries no gradient, exactly as a hook on norm1's output sees it). No operation writes in place.
     */
    public NDArray applyFromNorm1Differentiable(NDArray x, NDArray n1) {
        NDArray h = ls1.apply(attention.apply(n1, (AttentionCopy) null)).add(x);
        NDArray ff = feedForward.apply(norm2.apply(h));
        return ls2.apply(ff).add(h);
    }

    /** The whole block, recording gradients into x when x requires them. */
    public NDArray applyDifferentiable(NDArray x) {
        return applyFromNorm1Differentiable(x, norm1.apply(x));
    }
}
