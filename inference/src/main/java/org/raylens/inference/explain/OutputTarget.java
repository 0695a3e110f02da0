package org.raylens.inference.explain;

import ai.djl.ndarray.NDArray;

/**
 * What to explain (kept apart from how, as in pytorch-grad-cam's targets): a scalar score taken from a head's output,
 * whose gradient the CAM follows.
 */
public interface OutputTarget {
    NDArray score(NDArray headOutput);

    String describe();

    /**
     * The logit of one output: for a classifier (B, K) the class's logit; for a segmentation head (B, K, rows, cols)
     * the sum of that channel's logits (pytorch-grad-cam's semantic-segmentation target over the whole mask).
     */
    static OutputTarget output(int index, String label) {
        return new OutputTarget() {
            @Override
            public NDArray score(NDArray headOutput) {
                long k = headOutput.getShape().get(1);
                if (index < 0 || index >= k) {
                    throw new IllegalArgumentException("class " + index + " does not exist (head has " + k + " outputs)");
                }
                return headOutput.get(":, " + index).sum();
            }

            @Override
            public String describe() {
                return "class " + index + (label == null || label.isBlank() ? "" : " (" + label + ")");
            }
        };
    }
}
