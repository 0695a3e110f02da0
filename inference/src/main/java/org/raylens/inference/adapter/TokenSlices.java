package org.raylens.inference.adapter;

import ai.djl.ndarray.NDArray;
import org.raylens.inference.encoder.TokenLayout;

/** Differentiable views of a (B, N, D) token batch by role, driven by the layout (registers are skipped). */
final class TokenSlices {
    private TokenSlices() {
    }

    /** (B, D) CLS tokens. */
    static NDArray cls(NDArray tokens) {
        return tokens.get(":, 0, :");
    }

    /** (B, P, D) patch tokens, row-major over the grid. */
    static NDArray patches(NDArray tokens, TokenLayout layout) {
        return tokens.get(":, " + layout.firstPatch() + ":, :");
    }

    /** (B, D) mean over the patch tokens. */
    static NDArray meanPatch(NDArray tokens, TokenLayout layout) {
        return patches(tokens, layout).mean(new int[]{1});
    }

    static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }
}
