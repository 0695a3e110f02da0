package org.raylens.inference.explain;

/** How attention rollout merges a layer's heads into one token-to-token matrix (as in jacobgil/vit-explain). */
public enum HeadFusion {
    MEAN, MAX, MIN;

    /** (heads, N, N) probabilities of one image → (N, N). */
    float[] fuse(float[] probabilities, int heads, int n) {
        int nn = n * n;
        float[] out = new float[nn];
        for (int i = 0; i < nn; i++) {
            double acc = probabilities[i];
            for (int h = 1; h < heads; h++) {
                float v = probabilities[h * nn + i];
                acc = switch (this) {
                    case MEAN -> acc + v;
                    case MAX -> Math.max(acc, v);
                    case MIN -> Math.min(acc, v);
                };
            }
            out[i] = (float) (this == MEAN ? acc / heads : acc);
        }
        return out;
    }
}
