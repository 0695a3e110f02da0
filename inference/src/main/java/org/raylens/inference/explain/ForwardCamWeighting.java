package org.raylens.inference.explain;

import java.util.List;

/**
 * A CAM method whose channel weights come from more passes instead of gradients (Score-CAM, Ablation-CAM): the map
 * is still ReLU(Σ_c w_c · A[t, c]) of the target layer's activations, like Grad-CAM's.
 */
public interface ForwardCamWeighting extends CamWeighting {

    /** D channel weights for each target, in the order of the targets. */
    List<double[]> weights(CamForwards forwards);

    /** The parameters the method reads beyond the CAMs' own (aug_smooth, eigen_smooth). */
    default List<MethodParameters.Spec> parameters() {
        return List.of(PerturbedScores.batchSpec());
    }

    @Override
    default double[] weights(float[] activations, float[] gradients, int patches, int channels) {
        throw new UnsupportedOperationException(name() + " weighs channels by forwards; use CamPipeline");
    }

    @Override
    default boolean usesGradients() {
        return false;
    }
}
