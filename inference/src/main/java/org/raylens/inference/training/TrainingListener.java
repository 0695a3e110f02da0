package org.raylens.inference.training;

/** Progress of feature extraction and training, called on the training thread. All methods are optional. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    /** {@code done} of {@code total} images have features; {@code item} names the current one. */
    default void featuresProgress(int done, int total, String item) {
    }

    default void epochDone(EpochResult epoch) {
    }

    /** A note for the user (a skipped image, a resumed checkpoint). */
    default void message(String text) {
    }
}
