package org.raylens.inference.training;

import org.raylens.core.progress.Progress;

/**
 * Progress of feature extraction and training, called on the training thread. All methods are optional. It is the
 * program's one {@link Progress} type for feature extraction ({@link #report}: images with features of all images,
 * the note naming the current one), with training's own events (an epoch, a left-out image, a note) added.
 */
public interface TrainingListener extends Progress {
    TrainingListener NONE = new TrainingListener() {
    };

    /** {@code done} of {@code total} images have features; {@code item} names the current one. */
    @Override
    default void report(long done, long total, String item) {
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
