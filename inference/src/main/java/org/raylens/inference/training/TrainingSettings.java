package org.raylens.inference.training;

import org.raylens.inference.adapter.AdapterInput;
import org.raylens.inference.adapter.AdapterType;

/**
 * Hyper-parameters of one training run.
 *
 * @param hiddenSize MLP / conv-decoder hidden width (ignored by heads without one)
 * @param heads      attention-pooling heads (attention-pool-mlp only)
 * @param patience   epochs without improvement of the validation criterion before stopping early
 */
public record TrainingSettings(AdapterType type, AdapterInput input, int epochs, double learningRate,
                               double weightDecay, int batchSize, int patience, long seed, int hiddenSize, int heads) {
    public TrainingSettings {
        if (epochs < 1 || batchSize < 1 || patience < 1 || !(learningRate > 0) || weightDecay < 0) {
            throw new IllegalArgumentException("epochs, batch size and patience must be ≥ 1, the learning rate > 0"
                    + " and weight decay ≥ 0");
        }
    }

    public static TrainingSettings defaults(AdapterType type) {
        AdapterInput input = switch (type) {
            case LINEAR -> AdapterInput.CLS_MEAN_PATCH;
            case ATTENTION_POOL_MLP -> AdapterInput.CLS;
            default -> AdapterInput.PATCH_TOKENS;
        };
        return new TrainingSettings(type, input, 100, 1e-3, 1e-2, 32, 10, 0, 256, 4);
    }

    public TrainingSettings withEpochs(int e) {
        return new TrainingSettings(type, input, e, learningRate, weightDecay, batchSize, patience, seed, hiddenSize, heads);
    }

    public TrainingSettings withLearningRate(double lr) {
        return new TrainingSettings(type, input, epochs, lr, weightDecay, batchSize, patience, seed, hiddenSize, heads);
    }

    public TrainingSettings withWeightDecay(double wd) {
        return new TrainingSettings(type, input, epochs, learningRate, wd, batchSize, patience, seed, hiddenSize, heads);
    }

    public TrainingSettings withBatchSize(int b) {
        return new TrainingSettings(type, input, epochs, learningRate, weightDecay, b, patience, seed, hiddenSize, heads);
    }

    public TrainingSettings withPatience(int p) {
        return new TrainingSettings(type, input, epochs, learningRate, weightDecay, batchSize, p, seed, hiddenSize, heads);
    }

    public TrainingSettings withSeed(long s) {
        return new TrainingSettings(type, input, epochs, learningRate, weightDecay, batchSize, patience, s, hiddenSize, heads);
    }

    public TrainingSettings withInput(AdapterInput i) {
        return new TrainingSettings(type, i, epochs, learningRate, weightDecay, batchSize, patience, seed, hiddenSize, heads);
    }

    public TrainingSettings withHead(int hidden, int h) {
        return new TrainingSettings(type, input, epochs, learningRate, weightDecay, batchSize, patience, seed, hidden, h);
    }
}
