package org.raylens.inference.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.raylens.inference.encoder.TokenLayout;

import java.util.Map;

/**
 * A small conv decoder on the patch grid: 3×3 conv (padding 1, so neighbouring patches inform each other) → GELU →
 * 1×1 conv → (B, C, rows, cols) logits.
 */
public final class SegmentationConvHead extends AdapterHead {
    private static final Shape ONE = new Shape(1, 1);

    SegmentationConvHead(AdapterSpec spec, Map<String, NDArray> params) {
        super(spec, params);
    }

    @Override
    public NDArray forward(NDArray tokens, TokenLayout layout) {
        NDArray patches = TokenSlices.patches(tokens, layout);
        long b = patches.getShape().get(0);
        long d = patches.getShape().get(2);
        NDArray grid = patches.reshape(b, layout.rows(), layout.cols(), d).transpose(0, 3, 1, 2);
        NDArray h = grid.getNDArrayInternal().convolution(grid, param(AdapterTensors.CONV1_WEIGHT),
                param(AdapterTensors.CONV1_BIAS), ONE, ONE, ONE, 1).singletonOrThrow();
        NDArray a = h.getNDArrayInternal().gelu();
        return a.getNDArrayInternal().convolution(a, param(AdapterTensors.CONV2_WEIGHT),
                param(AdapterTensors.CONV2_BIAS), ONE, new Shape(0, 0), ONE, 1).singletonOrThrow();
    }
}
