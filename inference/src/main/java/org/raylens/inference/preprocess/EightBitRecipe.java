package org.raylens.inference.preprocess;

/**
 * How a DICOM image's modality values become the 8-bit greyscale image the processor expects. The choice changes the
 * embeddings, so each recipe has a stable name and a description that travels with every result as provenance.
 */
public interface EightBitRecipe {
    /** Short stable identifier (used in CSV columns and on the command line). */
    String name();

    /** One sentence stating exactly what was done, including the parameters. */
    String description();

    GreyImage8 apply(GreyModalityImage image);

    /** Rounds to nearest (half up) and clamps to 0–255. */
    static byte toByte(double v) {
        long r = (long) Math.floor(v + 0.5);
        return (byte) (r < 0 ? 0 : Math.min(r, 255));
    }
}
