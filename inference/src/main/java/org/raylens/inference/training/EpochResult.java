package org.raylens.inference.training;

/**
 * One finished epoch: mean training loss, validation loss, the validation metric early stopping watches (macro AUROC,
 * or Dice for masks; NaN when undefined), and whether it was the best so far.
 */
public record EpochResult(int epoch, int epochs, double trainLoss, double validationLoss, double validationMetric,
                          String metricName, boolean best) {
}
