package org.raylens.inference.adapter;

import ai.djl.ndarray.NDArray;
import org.raylens.inference.encoder.TokenLayout;

import java.util.Map;

/** Per-patch linear segmentation: each patch token → C logits, laid out as a (B, C, rows, cols) grid. */
public final class SegmentationLinearHead extends AdapterHead {
    SegmentationLinearHead(AdapterSpec spec, Map<String, NDArray> params) {
        super(spec, params);
    }

    @Override
    public NDArray forward(NDArray tokens, TokenLayout layout) {
        NDArray patches = TokenSlices.patches(tokens, layout);
        long b = patches.getShape().get(0);
        NDArray logits = TokenSlices.linear(patches, param(AdapterTensors.SEG_WEIGHT), param(AdapterTensors.SEG_BIAS));
        return logits.reshape(b, layout.rows(), layout.cols(), outputs()).transpose(0, 3, 1, 2);
    }
}
