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

    /**
     * An image could not be used (unreadable, undecodable, a mask that does not fit) and was left out; the batch goes
     * on. {@link #message} is called too, with the note.
     */
    default void imageFailed(java.nio.file.Path image, Exception error) {
    }

    /** A note for the user (a skipped image, a resumed checkpoint). */
    default void message(String text) {
    }
}
