package org.raylens.inference.explain;

import java.util.Locale;

/**
 * Attention rollout settings: how heads are fused, and the fraction of each fused layer's smallest attentions set to
 * zero before the residual is mixed in (0 keeps all; the CLS → CLS entry is never dropped, as in jacobgil/vit-explain).
 */
public record RolloutOptions(HeadFusion fusion, double discardRatio) {
    public RolloutOptions {
        if (!(discardRatio >= 0 && discardRatio < 1)) {
            throw new IllegalArgumentException("discard ratio must be in [0, 1), got " + discardRatio);
        }
    }

    public static RolloutOptions defaults() {
        return new RolloutOptions(HeadFusion.MEAN, 0.0);
    }

    String describe() {
        return String.format(Locale.ROOT, "rollout over all layers, head fusion %s, discard ratio %s, residual 0.5·A + 0.5·I "
                + "row-normalised", fusion.name().toLowerCase(Locale.ROOT), discardRatio);
    }
}
