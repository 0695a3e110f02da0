package org.raylens.inference.explain;

import org.raylens.inference.head.TokenHead;

/**
 * What an explanation is asked for, beyond the image: the parameters each method reads (the others ignore theirs).
 *
 * @param layer   0-based layer for attention and point maps
 * @param heads   head or mean over heads for attention and point maps
 * @param point   (x, y) in source-image pixels for the point map, or null
 * @param rollout rollout settings
 * @param mask    PCA foreground mask
 * @param camLayer Grad-CAM target layer, named by the encoder family (DINOv2: "norm1", "block-input",
 *                 "block-output"); null or blank for the family's default
 * @param head    the head a Grad-CAM method explains, or null when none is given
 * @param output  which of the head's outputs (class) a Grad-CAM method explains
 * @param parameters each method's own parameters (occlusion's window, RISE's masks, a CAM's eigen_smooth)
 */
public record ExplainRequest(int layer, HeadChoice heads, double[] point, RolloutOptions rollout,
                             FeaturePca.Threshold mask, String camLayer, TokenHead head, int output,
                             MethodParameters parameters) {
    public ExplainRequest {
        point = point == null ? null : point.clone();
        parameters = parameters == null ? MethodParameters.NONE : parameters;
    }

    /** A request with every method's own parameters at their defaults. */
    public ExplainRequest(int layer, HeadChoice heads, double[] point, RolloutOptions rollout,
                          FeaturePca.Threshold mask, String camLayer, TokenHead head, int output) {
        this(layer, heads, point, rollout, mask, camLayer, head, output, MethodParameters.NONE);
    }

    public ExplainRequest withParameters(MethodParameters p) {
        return new ExplainRequest(layer, heads, point, rollout, mask, camLayer, head, output, p);
    }

    @Override
    public double[] point() {
        return point == null ? null : point.clone();
    }

    /** Defaults for a model of {@code layers} layers: the last layer, mean over heads, default rollout, no mask. */
    public static ExplainRequest defaults(int layers) {
        return new ExplainRequest(layers - 1, HeadChoice.MEAN, null, RolloutOptions.defaults(), FeaturePca.Threshold.NONE,
                null, null, 0);
    }
}
