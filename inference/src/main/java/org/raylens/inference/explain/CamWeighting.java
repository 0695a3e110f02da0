package org.raylens.inference.explain;

/**
 * How a CAM method turns the target layer's patch activations and gradients into its map — the only thing the
 * methods differ in (pytorch-grad-cam's {@code get_cam_weights}, or {@code get_cam_image} for the methods that weigh
 * each element); the rest of the pipeline is {@link CamPipeline}. Most methods give one weight per channel and the
 * map is ReLU(Σ_c w_c · A[t, c]); HiResCAM and LayerCAM weigh each element ({@link #terms}), EigenCAM projects on
 * the first principal component ({@link #projects()}), and Score-CAM and Ablation-CAM take their weights from more
 * forwards ({@link ForwardCamWeighting}). The constants here are the methods that need nothing but the layer.
 */
public interface CamWeighting {
    /** Stable name: "gradcam", "gradcam++". */
    String name();

    /**
     * @param activations (P, D) patch activations, row-major
     * @param gradients   (P, D) gradients of the target score with respect to them (null for gradient-free methods)
     * @return D channel weights, or none (length 0) for a method that weighs each element
     */
    double[] weights(float[] activations, float[] gradients, int patches, int channels);

    /**
     * pytorch-grad-cam's weighted activations: the (P, D) terms whose sum over the channels is the map before its
     * ReLU, and which {@code eigen_smooth} projects on their first principal component instead. Channel-weight
     * methods give w_c · A[t, c].
     */
    default double[] terms(float[] activations, float[] gradients, double[] weights, int patches, int channels) {
        double[] t = new double[patches * channels];
        for (int p = 0; p < patches; p++) {
            for (int c = 0; c < channels; c++) {
                t[p * channels + c] = weights[c] * activations[p * channels + c];
            }
        }
        return t;
    }

    /** False for a method that reads no gradient (EigenCAM, Score-CAM, Ablation-CAM). */
    default boolean usesGradients() {
        return true;
    }

    /** True for a method whose map is always the first principal component of its terms (EigenCAM). */
    default boolean projects() {
        return false;
    }

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

    /** HiResCAM (Draelos and Carin 2020), pytorch-grad-cam's hirescam.py: cam[t] = Σ_c g[t, c] · A[t, c]. */
    CamWeighting HIRES_CAM = new ElementwiseCam("hirescam", false);

    /** LayerCAM (Jiang et al. 2021), pytorch-grad-cam's layer_cam.py: cam[t] = Σ_c relu(g[t, c]) · A[t, c]. */
    CamWeighting LAYER_CAM = new ElementwiseCam("layercam", true);

    /**
     * XGrad-CAM (Fu et al. 2020), pytorch-grad-cam's xgrad_cam.py: w_c = Σ_t g[t, c] · A[t, c] / (Σ_t A[t, c] + 1e-7).
     */
    CamWeighting XGRAD_CAM = new CamWeighting() {
        @Override
        public String name() {
            return "xgradcam";
        }

        @Override
        public double[] weights(float[] activations, float[] gradients, int patches, int channels) {
            double[] sumA = new double[channels];
            double[] sumGA = new double[channels];
            for (int t = 0; t < patches; t++) {
                for (int c = 0; c < channels; c++) {
                    double a = activations[t * channels + c];
                    sumA[c] += a;
                    sumGA[c] += gradients[t * channels + c] * a;
                }
            }
            double[] w = new double[channels];
            for (int c = 0; c < channels; c++) {
                // as pytorch-grad-cam: Σ_t (g·A / (ΣA + eps)), the denominator shared by the channel's tokens
                w[c] = sumGA[c] / (sumA[c] + 1e-7);
            }
            return w;
        }
    };

    /**
     * EigenCAM (Muhammad and Yeasin 2020), pytorch-grad-cam's eigen_cam.py: the activations, centred per channel,
     * projected on their first principal component (get_2d_projection), then ReLU; no gradient is read.
     */
    CamWeighting EIGEN_CAM = new CamWeighting() {
        @Override
        public String name() {
            return "eigencam";
        }

        @Override
        public double[] weights(float[] activations, float[] gradients, int patches, int channels) {
            return new double[0];
        }

        @Override
        public double[] terms(float[] activations, float[] gradients, double[] weights, int patches, int channels) {
            double[] t = new double[patches * channels];
            for (int i = 0; i < t.length; i++) {
                t[i] = activations[i];
            }
            return t;
        }

        @Override
        public boolean usesGradients() {
            return false;
        }

        @Override
        public boolean projects() {
            return true;
        }
    };

    /** The methods that weigh each element by its own gradient instead of a channel weight. */
    final class ElementwiseCam implements CamWeighting {
        private final String name;
        private final boolean positiveGradients;

        private ElementwiseCam(String name, boolean positiveGradients) {
            this.name = name;
            this.positiveGradients = positiveGradients;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public double[] weights(float[] activations, float[] gradients, int patches, int channels) {
            return new double[0];
        }

        @Override
        public double[] terms(float[] activations, float[] gradients, double[] weights, int patches, int channels) {
            double[] t = new double[patches * channels];
            for (int i = 0; i < t.length; i++) {
                double g = gradients[i];
                t[i] = (positiveGradients ? Math.max(g, 0) : g) * activations[i];
            }
            return t;
        }
    }
}
