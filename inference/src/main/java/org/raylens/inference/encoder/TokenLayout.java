package org.raylens.inference.encoder;

/**
 * The token sequence of one image: index 0 is CLS, then {@code registers} register tokens, then the patches in
 * row-major order (index {@code 1 + registers + r·cols + c}). Patch (r, c) covers pixels
 * [r·patch, (r+1)·patch) × [c·patch, (c+1)·patch) of the model input; any remainder pixels at the bottom/right are
 * not seen by the model (as in PyTorch's strided convolution).
 */
public record TokenLayout(int registers, int rows, int cols, int patchSize, int dim) {
    public int numTokens() {
        return 1 + registers + rows * cols;
    }

    public int firstPatch() {
        return 1 + registers;
    }

    public int patchIndex(int row, int col) {
        return firstPatch() + row * cols + col;
    }
}
