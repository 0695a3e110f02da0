package org.raylens.inference.family.dinov2;

/** The block's feed-forward network: fc1 → exact-erf GELU → fc2, or DINOv2's fused SwiGLU (w12 → silu(x1)·x2 → w3). */
public enum FeedForwardKind {
    MLP_GELU, SWIGLU
}
