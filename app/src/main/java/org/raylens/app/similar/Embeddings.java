package org.raylens.app.similar;

import java.nio.file.Path;
import java.util.List;

/**
 * Embeddings to index: one provenance for all, and the rows (image + vector) in the order the file holds them.
 *
 * @param source the file they were read from (named in errors and recorded in the manifest)
 */
public record Embeddings(Path source, EmbeddingProvenance provenance, List<Row> rows) {
    /** One image and its vector. */
    public record Row(IndexedImage image, float[] vector) {}
}
