package org.raylens.inference.adapter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.raylens.inference.encoder.TokenLayout;

import java.util.Map;

/**
 * The RayDINO-style adapter: a learned query attends over the patch tokens (multi-head cross-attention: keys and
 * values are learned projections of the patches, the query is a learned vector split into heads, scores scaled by
 * 1/√head_dim and softmaxed over patches); the pooled vector, with CLS (and the mean patch) appended per the input
 * setting, goes through fc1 → GELU (exact erf) → fc2. Gradients reach every patch token through keys and values.
 */
public final class AttentionPoolHead extends AdapterHead {
    AttentionPoolHead(AdapterSpec spec, Map<String, NDArray> params) {
        super(spec, params);
    }

    @Override
    public NDArray forward(NDArray tokens, TokenLayout layout) {
        NDArray pooled = pool(tokens, layout);
        NDList parts = new NDList(pooled);
        if (spec().input().usesCls()) {
            parts.add(TokenSlices.cls(tokens));
        }
        if (spec().input().usesMeanPatch()) {
            parts.add(TokenSlices.meanPatch(tokens, layout));
        }
        NDArray f = parts.size() == 1 ? pooled : NDArrays.concat(parts, 1);
        NDArray h = TokenSlices.linear(f, param(AdapterTensors.FC1_WEIGHT), param(AdapterTensors.FC1_BIAS));
        NDArray a = h.getNDArrayInternal().gelu();
        return TokenSlices.linear(a, param(AdapterTensors.FC2_WEIGHT), param(AdapterTensors.FC2_BIAS));
    }

    /** (B, D): the query's attention-weighted sum of projected values, heads concatenated. */
    NDArray pool(NDArray tokens, TokenLayout layout) {
        return pool(tokens, layout, null);
    }

    /** (B, heads, rows·cols) pooling weights over the patches: where the adapter looked (each row sums to 1). */
    public NDArray poolingWeights(NDArray tokens, TokenLayout layout) {
        NDList w = new NDList();
        pool(tokens, layout, w);
        return w.singletonOrThrow();
    }

    /**
     * @param weightsOut if not null, receives the (B, heads, P) attention weights (for display: where the adapter looked)
     */
    NDArray pool(NDArray tokens, TokenLayout layout, NDList weightsOut) {
        NDArray patches = TokenSlices.patches(tokens, layout);
        long b = patches.getShape().get(0);
        long p = patches.getShape().get(1);
        long d = patches.getShape().get(2);
        int heads = spec().heads();
        long hd = d / heads;
        NDArray k = TokenSlices.linear(patches, param(AdapterTensors.POOL_KEY_WEIGHT), param(AdapterTensors.POOL_KEY_BIAS))
                .reshape(b, p, heads, hd);
        NDArray v = TokenSlices.linear(patches, param(AdapterTensors.POOL_VALUE_WEIGHT),
                param(AdapterTensors.POOL_VALUE_BIAS)).reshape(b, p, heads, hd);
        NDArray q = param(AdapterTensors.POOL_QUERY).reshape(1, 1, heads, hd);
        q.attach(patches.getManager()); // a view led by the parameter would otherwise outlive the caller's scope
        NDArray scores = k.mul(q).sum(new int[]{3}).mul((float) (1.0 / Math.sqrt(hd))); // (B, P, heads)
        NDArray w = scores.softmax(1);
        if (weightsOut != null) {
            weightsOut.add(w.transpose(0, 2, 1));
        }
        return v.mul(w.expandDims(3)).sum(new int[]{1}).reshape(b, d);
    }
}
