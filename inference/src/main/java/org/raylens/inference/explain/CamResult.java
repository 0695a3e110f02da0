package org.raylens.inference.explain;

/**
 * Every intermediate of one CAM, as plain arrays (for checking against reference code and for research export).
 *
 * @param activations (P, D) target-layer activations of the patch tokens
 * @param gradients   (P, D) gradients of the target score with respect to them
 * @param weights     D channel weights
 * @param cam         P values, ReLU(Σ_c weights_c · activations[t, c]), row-major on the grid
 * @param outputs     the head's outputs (logits) for this image
 * @param score       the target score that was differentiated
 */
public record CamResult(int rows, int cols, int channels, float[] activations, float[] gradients, float[] weights,
                        float[] cam, float[] outputs, float score) {

    /** pytorch-grad-cam's display scaling: (cam − min) / (max(cam − min) + 1e-7). */
    public float[] camMinMax() {
        float min = Float.POSITIVE_INFINITY;
        for (float v : cam) {
            min = Math.min(min, v);
        }
        float max = 0;
        float[] out = new float[cam.length];
        for (int i = 0; i < cam.length; i++) {
            out[i] = cam[i] - min;
            max = Math.max(max, out[i]);
        }
        for (int i = 0; i < cam.length; i++) {
            out[i] = out[i] / (max + 1e-7f);
        }
        return out;
    }
}
