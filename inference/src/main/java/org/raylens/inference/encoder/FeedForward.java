package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The block's feed-forward network: the two kinds DINOv2 checkpoints use, and EVA-02's SwiGLU with separate input
 * projections and an optional sub-LayerNorm (EVA-X-B).
 */
public sealed interface FeedForward permits FeedForward.GeluMlp, FeedForward.SwiGlu, FeedForward.SplitSwiGlu {
    public NDArray apply(NDArray x);

    /** fc1 → GELU with the exact erf form (torch's default, as DINOv2 and HF "gelu") → fc2. */
    record GeluMlp(Linear fc1, Linear fc2) implements FeedForward {
        @Override
        public NDArray apply(NDArray x) {
            NDArray h = fc1.apply(x);
            NDArray a = h.getNDArrayInternal().gelu();
            h.close();
            NDArray y = fc2.apply(a);
            a.close();
            return y;
        }
    }

    /** DINOv2's fused SwiGLU: w12 → split into x1 | x2 → silu(x1)·x2 → w3. */
    record SwiGlu(Linear w12, Linear w3) implements FeedForward {
        @Override
        public NDArray apply(NDArray x) {
            NDArray h = w12.apply(x);
            long half = w12.outFeatures() / 2;
            var parts = h.split(new long[]{half}, h.getShape().dimension() - 1);
            NDArray x1 = parts.get(0);
            NDArray x2 = parts.get(1);
            NDArray gated = x1.mul(Activation.sigmoid(x1)).muli(x2);
            h.close();
            NDArray y = w3.apply(gated);
            gated.close();
            return y;
        }
    }

    /**
     * EVA-02's "NaiveSwiGLU": w3(subNorm(silu(w1·x) ⊙ w2·x)); {@code subNorm} is the sub-LN {@code ffn_ln} over the
     * hidden width (EVA-X-B), or null where there is none. Every operation is out of place, so gradients flow.
     */
    record SplitSwiGlu(Linear w1, Linear w2, LayerNorm subNorm, Linear w3) implements FeedForward {
        @Override
        public NDArray apply(NDArray x) {
            NDArray x1 = w1.apply(x);
            NDArray x2 = w2.apply(x);
            NDArray gated = x1.mul(Activation.sigmoid(x1)).mul(x2);
            x1.close();
            x2.close();
            NDArray normed = subNorm == null ? gated : subNorm.apply(gated);
            if (normed != gated) {
                gated.close();
            }
            NDArray y = w3.apply(normed);
            normed.close();
            return y;
        }
    }
}
