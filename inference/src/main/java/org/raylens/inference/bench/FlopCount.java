package org.raylens.inference.bench;

import org.raylens.inference.encoder.EncoderInfo;

/**
 * Multiply-add work of one image's forward pass, counted analytically as 2 FLOPs per multiply-accumulate of every
 * matrix product (patch embedding, qkv, q·kᵀ, probabilities·v, projection, MLP). Normalisations, softmax, GELU and
 * additions are not counted (they are O(N·D) or O(N²·heads), a fraction of a percent at 518 px) — the same convention
 * as the ≈ 302 GFLOP quoted for ViT-B/14 at 518.
 */
public final class FlopCount {
    private FlopCount() {
    }

    public static double perImage(EncoderInfo c, int height, int width) {
        long rows = height / c.patchSize();
        long cols = width / c.patchSize();
        long patches = rows * cols;
        long n = 1 + c.registers() + patches;
        long d = c.hiddenSize();
        long h = c.mlpHiddenSize();
        double patchEmbed = 2.0 * patches * d * c.channels() * c.patchSize() * c.patchSize();
        double qkv = 2.0 * n * d * 3 * d;
        double attention = 2.0 * 2.0 * n * n * d;
        double proj = 2.0 * n * d * d;
        double mlp = c.gatedFeedForward() ? 2.0 * n * d * 2 * h + 2.0 * n * h * d : 2.0 * 2.0 * n * d * h;
        return patchEmbed + c.layers() * (qkv + attention + proj + mlp);
    }
}
