package org.raylens.inference.family.dinov2;

import org.raylens.inference.encoder.EncoderCapabilities.GradientLayer;

import java.util.Arrays;
import java.util.List;

/**
 * Where DINOv2's Grad-CAM takes its activations and gradients, always in the last block; the names are the command
 * line's {@code --cam-layer} values.
 *
 * <p>Not the last block's output by default: the final LayerNorm works on each token separately, so a head that
 * reads only CLS (a linear probe on pooler_output) depends on no patch token of the last block's output, and its
 * gradient there is exactly zero — the map would be blank. One block earlier, the patch tokens still feed CLS through
 * the last block's attention, so their gradients carry the class signal.
 */
enum Dinov2GradientLayer {
    /** Output of the last block's first LayerNorm: pytorch-grad-cam's and EVA-X's ViT recipe (blocks[-1].norm1). */
    NORM1("norm1", "last block's norm1 output"),
    /** The residual stream entering the last block. */
    BLOCK_INPUT("block-input", "last block's input"),
    /**
     * The last block's output. Kept to show why it is wrong: with a CLS-only head its patch gradients are exactly zero
     * (see the class comment); it only carries signal for heads that read patch tokens.
     */
    BLOCK_OUTPUT("block-output", "last block's output (zero gradient for CLS-only heads)");

    private final String name;
    private final String description;

    Dinov2GradientLayer(String name, String description) {
        this.name = name;
        this.description = description;
    }

    GradientLayer layer() {
        return new GradientLayer(name, description);
    }

    /** All of them, the default (norm1) first. */
    static List<GradientLayer> all() {
        return Arrays.stream(values()).map(Dinov2GradientLayer::layer).toList();
    }

    static Dinov2GradientLayer named(String name) {
        return Arrays.stream(values()).filter(l -> l.name.equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("DINOv2 has no gradient layer \"" + name + "\"; it has "
                        + Arrays.stream(values()).map(l -> l.name).toList()));
    }
}
