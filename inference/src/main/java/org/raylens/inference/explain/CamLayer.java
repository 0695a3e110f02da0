package org.raylens.inference.explain;

/**
 * Where Grad-CAM takes its activations and gradients, always in the last block.
 *
 * <p>Not the last block's output: the final LayerNorm works on each token separately, so a head that reads only
 * CLS (a linear probe on pooler_output) depends on no patch token of the last block's output, and its gradient there
 * is exactly zero — the map would be blank. One block earlier, the patch tokens still feed CLS through the last
 * block's attention, so their gradients carry the class signal.
 */
public enum CamLayer {
    /** Output of the last block's first LayerNorm: pytorch-grad-cam's and EVA-X's ViT recipe (blocks[-1].norm1). */
    NORM1("last block's norm1 output"),
    /** The residual stream entering the last block. */
    BLOCK_INPUT("last block's input"),
    /**
     * The last block's output. Kept to show why it is wrong: with a CLS-only head its patch gradients are exactly zero
     * (see the class comment); it only carries signal for heads that read patch tokens.
     */
    BLOCK_OUTPUT("last block's output (zero gradient for CLS-only heads)");

    private final String description;

    CamLayer(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
