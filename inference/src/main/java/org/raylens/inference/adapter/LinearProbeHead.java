package org.raylens.inference.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.raylens.inference.encoder.TokenLayout;

import java.util.Map;

/** Linear probe: logits = W·f + b with f = CLS, or CLS ⊕ mean(patch tokens) (DINOv2's linear evaluation). */
public final class LinearProbeHead extends AdapterHead {
    LinearProbeHead(AdapterSpec spec, Map<String, NDArray> params) {
        super(spec, params);
    }

    @Override
    public NDArray forward(NDArray tokens, TokenLayout layout) {
        NDArray f = TokenSlices.cls(tokens);
        if (spec().input().usesMeanPatch()) {
            f = NDArrays.concat(new NDList(f, TokenSlices.meanPatch(tokens, layout)), 1);
        }
        return TokenSlices.linear(f, param(AdapterTensors.LINEAR_WEIGHT), param(AdapterTensors.LINEAR_BIAS));
    }
}
