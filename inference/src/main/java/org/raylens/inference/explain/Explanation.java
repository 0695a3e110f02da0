package org.raylens.inference.explain;

import org.raylens.core.result.PatchMap;

/**
 * One explainer's answer: the raw patch-grid map, and for multi-channel maps meant to be seen as colour (PCA) their
 * display RGB (interleaved, [0, 1]), else null.
 */
public record Explanation(PatchMap map, float[] rgb) {
    public Explanation {
        rgb = rgb == null ? null : rgb.clone();
    }

    @Override
    public float[] rgb() {
        return rgb == null ? null : rgb.clone();
    }

    public static Explanation of(PatchMap map) {
        return new Explanation(map, null);
    }
}
