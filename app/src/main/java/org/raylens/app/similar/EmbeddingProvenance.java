package org.raylens.app.similar;

/**
 * What makes two embeddings comparable: the model's weights SHA-256, the input recipe id ({@code minmax},
 * {@code as-displayed}) and the vector's length. An index records its own; a query must bring the same.
 */
public record EmbeddingProvenance(String weightsSha256, String recipe, int dimension) {
    /** What {@code raylens embed --no-sha256} writes instead of a hash: such rows cannot be checked, so never indexed. */
    static final String NOT_COMPUTED = "not computed";
}
