package org.raylens.inference.training;

import org.raylens.core.numeric.Roc;

import org.raylens.inference.adapter.AdapterTask;

import java.util.List;

/**
 * The outcome of a training run on the validation images, with the best epoch's parameters: per class the AUROC,
 * the Youden threshold and the ROC curve (classification), or Dice and IoU at the model input's resolution
 * (segmentation); the epoch history; and notes (resumed, stopped early, skipped images…).
 */
public record TrainingReport(AdapterTask task, List<String> labels, int trainCount, int validationCount,
                             int epochsRun, int bestEpoch, List<EpochResult> history, List<ClassResult> classes,
                             double macroAuroc, double dice, double iou, String optimiser, List<String> notes) {
    public TrainingReport {
        labels = List.copyOf(labels);
        history = List.copyOf(history);
        classes = List.copyOf(classes);
        notes = List.copyOf(notes);
    }

    /** One output's validation result; {@code auroc} is NaN when the validation set lacks a class. */
    public record ClassResult(String label, double auroc, double threshold, int positives, int negatives,
                              List<Roc.Point> curve) {
        public ClassResult {
            curve = List.copyOf(curve);
        }
    }

    public TrainingReport withNotes(List<String> more) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.addAll(more);
        return new TrainingReport(task, labels, trainCount, validationCount, epochsRun, bestEpoch, history, classes,
                macroAuroc, dice, iou, optimiser, all);
    }
}
