package org.raylens.inference.training;

import ai.djl.ndarray.NDArray;
import org.raylens.inference.adapter.AdapterTask;

/**
 * Training losses as DJL ops (differentiable), each the mean over the batch:
 * BCE with logits in its stable form max(z, 0) − z·y + log(1 + e^−|z|) (PyTorch's BCEWithLogitsLoss),
 * cross-entropy −Σ y·log_softmax(z) over classes with one-hot y, and for masks BCE + soft Dice
 * (1 − (2Σpy + 1)/(Σp + Σy + 1) per image and channel, p = sigmoid(z)).
 */
final class Losses {
    private Losses() {
    }

    static NDArray of(AdapterTask task, NDArray logits, NDArray targets) {
        return switch (task) {
            case MULTILABEL -> bceWithLogits(logits, targets);
            case MULTICLASS -> crossEntropy(logits, targets);
            case SEGMENTATION -> bceWithLogits(logits, targets).add(softDice(logits, targets));
        };
    }

    static NDArray bceWithLogits(NDArray z, NDArray y) {
        NDArray softplusNegAbs = z.abs().neg().exp().add(1f).log();
        return z.maximum(0f).sub(z.mul(y)).add(softplusNegAbs).mean();
    }

    static NDArray crossEntropy(NDArray z, NDArray oneHot) {
        return z.logSoftmax(1).mul(oneHot).sum(new int[]{1}).neg().mean();
    }

    /** z, y: (B, C, rows, cols). */
    static NDArray softDice(NDArray z, NDArray y) {
        NDArray p = z.getNDArrayInternal().sigmoid();
        int[] spatial = {2, 3};
        NDArray inter = p.mul(y).sum(spatial);
        NDArray sums = p.sum(spatial).add(y.sum(spatial));
        return inter.mul(2f).add(1f).div(sums.add(1f)).neg().add(1f).mean();
    }
}
