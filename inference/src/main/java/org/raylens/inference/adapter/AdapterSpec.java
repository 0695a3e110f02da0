package org.raylens.inference.adapter;

import java.util.List;
import java.util.Optional;

/**
 * Everything {@code adapter.json} states about an adapter, validated: the head's type and input, the task, one label
 * and one decision threshold per output, the head's own sizes, the encoder it was trained on, the preprocessing
 * recipe, and (for trained adapters) the training provenance.
 *
 * @param hiddenSize width of the MLP's hidden layer (attention-pool-mlp) or of the conv decoder's hidden channels
 *                   (segmentation-conv); 0 for heads without one
 * @param heads      attention heads of the pooling (attention-pool-mlp); 0 otherwise
 * @param thresholds probability at or above which an output counts as positive, one per label, each in [0, 1]
 */
public record AdapterSpec(String name, AdapterType type, AdapterInput input, AdapterTask task, List<String> labels,
                          List<Double> thresholds, int hiddenSize, int heads, EncoderIdentity encoder,
                          PreprocessingRecipe preprocessing, Optional<TrainingProvenance> training) {

    public static final String FORMAT = "raylens-adapter";
    public static final int FORMAT_VERSION = 1;

    public AdapterSpec {
        labels = List.copyOf(labels);
        thresholds = List.copyOf(thresholds);
        check(name != null && !name.isBlank(), "name", "must not be empty");
        check(!labels.isEmpty(), "labels", "needs at least one label");
        check(labels.stream().distinct().count() == labels.size(), "labels", "labels must be distinct");
        check(thresholds.size() == labels.size(), "thresholds", "needs one threshold per label (" + labels.size() + ")");
        for (double t : thresholds) {
            check(t >= 0 && t <= 1, "thresholds", "each threshold must be a probability in [0, 1], got " + t);
        }
        check(type.isSegmentation() == (task == AdapterTask.SEGMENTATION), "task",
                "task " + task.jsonName() + " does not fit type " + type.jsonName());
        check(!type.isSegmentation() || input == AdapterInput.PATCH_TOKENS, "input",
                "segmentation heads read patch-tokens");
        check(type != AdapterType.LINEAR || input != AdapterInput.PATCH_TOKENS, "input",
                "a linear probe reads cls, cls+mean-patch or pooled");
        check(input != AdapterInput.POOLED || type == AdapterType.LINEAR, "input",
                "only a linear probe reads the pooled feature");
        check(task != AdapterTask.MULTICLASS || labels.size() >= 2, "labels", "multiclass needs at least two classes");
        boolean needsHidden = type == AdapterType.ATTENTION_POOL_MLP || type == AdapterType.SEGMENTATION_CONV;
        check(needsHidden ? hiddenSize > 0 : hiddenSize == 0, "architecture.hiddenSize",
                needsHidden ? "must be positive for " + type.jsonName() : "must be 0 for " + type.jsonName());
        boolean needsHeads = type == AdapterType.ATTENTION_POOL_MLP;
        check(needsHeads ? heads > 0 && encoder.hiddenSize() % heads == 0 : heads == 0, "architecture.heads",
                needsHeads ? "must divide the encoder's hidden size " + encoder.hiddenSize() : "must be 0 for "
                        + type.jsonName());
        check(encoder.hiddenSize() > 0 && encoder.patchSize() > 0 && encoder.registers() >= 0, "encoder",
                "sizes must be positive");
    }

    private static void check(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidSpec(field, message);
        }
    }

    /** Width of the vector the MLP or linear layer reads (for the token-pooling heads). */
    public int featureSize() {
        int d = encoder.hiddenSize();
        int f = type == AdapterType.ATTENTION_POOL_MLP ? d : 0;
        if (input.usesCls()) {
            f += d;
        }
        if (input.usesMeanPatch() || input.usesPooled()) {
            f += d;
        }
        return f;
    }

    public int outputs() {
        return labels.size();
    }

    public AdapterSpec withThresholds(List<Double> t) {
        return new AdapterSpec(name, type, input, task, labels, t, hiddenSize, heads, encoder, preprocessing, training);
    }

    public AdapterSpec withTraining(TrainingProvenance t) {
        return new AdapterSpec(name, type, input, task, labels, thresholds, hiddenSize, heads, encoder, preprocessing,
                Optional.of(t));
    }

    /** A spec invariant broken; the JSON reader turns it into an {@link AdapterFormatException} naming the field. */
    public static final class InvalidSpec extends IllegalArgumentException {
        private final String field;

        InvalidSpec(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
