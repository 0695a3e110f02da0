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
     * The score of each image of a batch, (B,): {@link #score} of each row on its own (perturbation methods score
     * many perturbed copies in one forward).
     */
    default NDArray scores(NDArray headOutput) {
        long b = headOutput.getShape().get(0);
        NDArray[] rows = new NDArray[(int) b];
        for (int i = 0; i < b; i++) {
            rows[i] = score(headOutput.get(i + ":" + (i + 1))).reshape(1);
        }
        return ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(rows));
    }

    /** One target per output index of {@code head}, each named by the head's label. */
    static java.util.List<OutputTarget> outputs(org.raylens.inference.head.TokenHead head, java.util.List<Integer> outputs) {
        java.util.List<OutputTarget> targets = new java.util.ArrayList<>();
        for (int o : outputs) {
            String label = o >= 0 && o < head.labels().size() ? head.labels().get(o) : null;
            targets.add(output(o, label));
        }
        return targets;
    }

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
