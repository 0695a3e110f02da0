package org.raylens.inference.encoder;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One kind of encoder (DINOv2/RAD-DINO today; EVA-X, TorchScript imports later): says how sure it is that it can
 * load a model folder and loads it. Families are found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/org.raylens.inference.encoder.EncoderFamily} file) and ranked by {@link #supports}, as
 * QuPath ranks its ImageServerBuilders; {@link Encoders} does the choosing.
 */
public interface EncoderFamily {

    /** The stable lower-case name, e.g. "dinov2". */
    String name();

    /** What a reader sees, e.g. "DINOv2 / RAD-DINO (ViT)". */
    String displayName();

    /** How well this family can load {@code folder} (a folder or a weights file); never throws. */
    Support supports(Path folder);

    /** Loads the folder; the caller closes the encoder. */
    Encoder load(Path folder, EncoderLoadSettings settings) throws IOException;

    /**
     * An encoder of a named architecture with seeded random weights (demo, benchmarks, synthetic folders).
     *
     * @throws UnsupportedOperationException when the family cannot build random weights or knows no such name
     */
    default Encoder randomWeights(String architecture, long seed, ComputeTarget target) throws IOException {
        throw new UnsupportedOperationException("the " + name() + " encoder family cannot build random weights");
    }

    /**
     * Writes a model folder of a named architecture with seeded random weights, marked as random, that
     * {@link #load} reads back (installation checks, tests). The folder is written into as it is: callers wanting an
     * all-or-nothing folder pass the staging folder of an atomic folder writer.
     *
     * @throws UnsupportedOperationException when the family cannot write such folders or knows no such name
     */
    default void writeRandomFolder(Path folder, String architecture, long seed) throws IOException {
        throw new UnsupportedOperationException("the " + name() + " encoder family cannot write random-weight folders");
    }

    /**
     * How sure a family is: 0 means it cannot load the folder, higher means surer (QuPath's support level). The
     * reason says why, in words, so that a folder nobody supports gets an error naming each family's answer.
     */
    record Support(int score, String reason) {
        public static final int CANNOT = 0;

        public static Support cannot(String reason) {
            return new Support(CANNOT, reason);
        }

        public boolean supported() {
            return score > CANNOT;
        }
    }
}
