package org.raylens.inference.family.evax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.raylens.inference.encoder.FeaturePooling;
import org.raylens.inference.encoder.LayerNorm;
import org.raylens.inference.encoder.TokenLayout;

/**
 * EVA-X's pooled feature as a differentiable hook for heads: fc_norm(mean of the patch tokens), CLS left out
 * ({@code forward_features} with {@code use_mean_pooling}). It keeps its own copy of fc_norm's D weights and biases
 * and creates them in the tokens' scope, precision and device on each call, so a head built on it works on scores
 * (CPU float32 tokens) and inside a Grad-CAM tail (the encoder's precision) alike, and outlives the encoder safely.
 */
final class EvaxPooling implements FeaturePooling {
    private final float[] weight;
    private final float[] bias;
    private final double eps;

    EvaxPooling(float[] weight, float[] bias, double eps) {
        this.weight = weight.clone();
        this.bias = bias.clone();
        this.eps = eps;
    }

    @Override
    public NDArray pool(NDArray tokens, TokenLayout layout) {
        NDManager scope = tokens.getManager();
        NDArray mean = tokens.get(":, " + layout.firstPatch() + ":, :").mean(new int[]{1});
        return new LayerNorm(param(scope, weight, tokens), param(scope, bias, tokens), eps).apply(mean);
    }

    private static NDArray param(NDManager scope, float[] values, NDArray like) {
        NDArray a = scope.create(values, new Shape(values.length)).toDevice(like.getDevice(), false);
        return like.getDataType() == DataType.FLOAT32 ? a : a.toType(like.getDataType(), false);
    }
}
