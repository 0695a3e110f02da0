package org.raylens.inference.encoder;

/**
 * A named activation inside the encoder that a caller (Grad-CAM, probing) wants to see as a live NDArray:
 * the residual stream entering block {@code layer}, the output of that block's first LayerNorm (pytorch-grad-cam's
 * ViT target), or the block's output (before the final LayerNorm).
 */
public record Tap(int layer, Point point) {
    /** Where in block {@code layer} the activation is taken. */
    public enum Point {
        BLOCK_INPUT, NORM1_OUTPUT, BLOCK_OUTPUT
    }
}
