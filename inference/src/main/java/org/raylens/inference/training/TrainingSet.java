package org.raylens.inference.training;

import org.raylens.inference.adapter.AdapterTask;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the trainer fits: per sample its cached features and target, and which samples train and which validate.
 *
 * @param targets     classification: one value per label (multi-hot, or one-hot for multi-class); segmentation: per
 *                    label the rows × cols grid of mask fractions (the share of each patch inside the mask)
 * @param inputMasks  segmentation only: per sample, per label, the binary mask on the model input's patch-covered
 *                    pixels ((rows·patch) × (cols·patch), 0/1), where Dice and IoU are measured; else null
 * @param patchSize   the encoder's patch size (for segmentation upsampling)
 */
public record TrainingSet(AdapterTask task, List<String> labels, List<ImageFeatures> features, float[][] targets,
                          byte[][] inputMasks, int[] train, int[] validation, int patchSize) {
    public TrainingSet {
        labels = List.copyOf(labels);
        features = List.copyOf(features);
        if (targets.length != features.size()) {
            throw new IllegalArgumentException(targets.length + " targets for " + features.size() + " samples");
        }
        if (train.length == 0 || validation.length == 0) {
            throw new IllegalArgumentException("training needs at least one training and one validation image (got "
                    + train.length + " and " + validation.length + ")");
        }
        Set<Integer> seen = new HashSet<>();
        for (int i : train) {
            seen.add(i);
        }
        for (int i : validation) {
            if (!seen.add(i)) {
                throw new IllegalArgumentException("sample " + i + " is in both training and validation");
            }
        }
        if (task == AdapterTask.SEGMENTATION && inputMasks == null) {
            throw new IllegalArgumentException("segmentation needs the input-resolution masks");
        }
    }

    /** A stable digest of the split and targets: part of the checkpoint fingerprint. */
    String fingerprint() {
        StringBuilder b = new StringBuilder(task + "|" + labels + "|" + Arrays.toString(train) + "|"
                + Arrays.toString(validation));
        for (float[] t : targets) {
            b.append(Arrays.hashCode(t)).append(',');
        }
        return Sha256.ofString(b.toString());
    }
}
