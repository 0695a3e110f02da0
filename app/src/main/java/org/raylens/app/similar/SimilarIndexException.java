package org.raylens.app.similar;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Why a similar-image index cannot be built, opened or queried. Each kind is its own type, so the command line prints
 * {@code SimilarIndexException.ModelMismatch: ...} and the window can say what to do; every message names the file or
 * folder and the remedy. An {@link IOException}, so the CLI reports it as an unusable input (exit status 2).
 */
public class SimilarIndexException extends IOException {
    private final Path path;

    SimilarIndexException(Path path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    SimilarIndexException(Path path, String message, Throwable cause) {
        super(path + ": " + message, cause);
        this.path = path;
    }

    /** The index folder or embeddings file the problem is about. */
    public Path path() {
        return path;
    }

    /** The query embedding was made by other weights than the index's (compared by weights SHA-256). */
    public static final class ModelMismatch extends SimilarIndexException {
        public ModelMismatch(Path index, String indexSha, String querySha) {
            super(index, "the index was built with the model whose weights SHA-256 is " + indexSha
                    + ", but the query was embedded with " + querySha + "; query it with the same model, or build an"
                    + " index of this model's embeddings");
        }
    }

    /** The query embedding was made with another input recipe (how a frame becomes the model's 8-bit input). */
    public static final class RecipeMismatch extends SimilarIndexException {
        public RecipeMismatch(Path index, String indexRecipe, String queryRecipe) {
            super(index, "the index holds embeddings made with input recipe '" + indexRecipe + "', but the query was"
                    + " made with '" + queryRecipe + "'; use --input-recipe " + indexRecipe + " (or the same setting in"
                    + " the window)");
        }
    }

    /** The query vector's length is not the index's dimension. */
    public static final class DimensionMismatch extends SimilarIndexException {
        public DimensionMismatch(Path index, int indexDim, int queryDim) {
            super(index, "the index holds " + indexDim + "-dimensional embeddings, but the query has " + queryDim
                    + " values; query it with an embedding of the index's model");
        }
    }

    /** The index folder is not a complete index (missing or damaged manifest or Lucene files). */
    public static final class CorruptIndex extends SimilarIndexException {
        public CorruptIndex(Path index, String what) {
            super(index, "not a usable similar-image index (" + what + "); build it again with raylens similar build");
        }

        public CorruptIndex(Path index, String what, Throwable cause) {
            super(index, "not a usable similar-image index (" + what + "); build it again with raylens similar build",
                    cause);
        }
    }

    /** The embeddings are in a form this build cannot read (Spark's Parquet), or not embeddings at all. */
    public static final class UnsupportedEmbeddings extends SimilarIndexException {
        public UnsupportedEmbeddings(Path file, String message) {
            super(file, message);
        }
    }

    /** The embeddings cannot go into one index: mixed models, recipes or dimensions, or a row that is no vector. */
    public static final class BadEmbeddings extends SimilarIndexException {
        public BadEmbeddings(Path file, String message) {
            super(file, message);
        }
    }
}
