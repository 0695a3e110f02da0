package org.raylens.inference.explain;

/**
 * How a CAM method turns the target layer's patch activations and gradients into one weight per channel — the only
 * thing the methods differ in (pytorch-grad-cam's {@code get_cam_weights}); the rest of the pipeline is
 * {@link CamPipeline}.
 */
public interface CamWeighting {
    /** Stable name: "gradcam", "gradcam++". */
    String name();

    /**
     * @param activations (P, D) patch activations, row-major
     * @param gradients   (P, D) gradients of the target score with respect to them
     * @return D channel weights
     */
    double[] weights(float[] activations, float[] gradients, int patches, int channels);

    /** Grad-CAM: the mean gradient over the patch tokens (the "spatial" axis of a ViT's token grid). */
    CamWeighting GRAD_CAM = new CamWeighting() {
        @Override
        public String name() {
            return "gradcam";
        }

        @Override
        public double[] weights(float[] activations, float[] gradients, int patches, int channels) {
            double[] w = new double[channels];
            for (int t = 0; t < patches; t++) {
                for (int c = 0; c < channels; c++) {
                    w[c] += gradients[t * channels + c];
                }
            }
            for (int c = 0; c < channels; c++) {
                w[c] /= patches;
            }
            return w;
        }
    };

    /**
     * Grad-CAM++ as pytorch-grad-cam computes it (Chattopadhyay et al. 2018, eq. 19 with the exponential's
     * higher-order terms as in their code): α = g² / (2g² + Σ_tokens A · g³ + 1e-6), α = 0 where g = 0,
     * weight = Σ_tokens relu(g) · α.
     */
    CamWeighting GRAD_CAM_PLUS_PLUS = new CamWeighting() {
        @Override
        public String name() {
            return "gradcam++";
        }

        @Override
        public double[] weights(float[] activations, float[] gradients, int patches, int channels) {
            double[] sumA = new double[channels];
            for (int t = 0; t < patches; t++) {
                for (int c = 0; c < channels; c++) {
                    sumA[c] += activations[t * channels + c];
                }
            }
            double[] w = new double[channels];
            for (int t = 0; t < patches; t++) {
                for (int c = 0; c < channels; c++) {
                    double g = gradients[t * channels + c];
                    if (g == 0) {
                        continue;
                    }
                    double g2 = g * g;
                    double alpha = g2 / (2 * g2 + sumA[c] * g2 * g + 1e-6);
                    w[c] += Math.max(g, 0) * alpha;
                }
            }
            return w;
        }
    };
}
