package org.raylens.app.similar;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the rows of one index, checking each as it comes, whatever file it was read from (embed's table, its
 * {@code .npy}, the Spark job's Parquet): every row must carry a weights SHA-256, all rows the same one and the same
 * input recipe, and every vector the same length, finite values and a non-zero norm. Anything else is a
 * {@link SimilarIndexException.BadEmbeddings} naming the row, because an index silently mixing two models or recipes
 * would answer with neighbours that are not comparable.
 */
public final class EmbeddingsBuilder {
    private final Path source;
    private final List<Embeddings.Row> rows = new ArrayList<>();
    private String sha;
    private String recipe;
    private int dimension = -1;

    /** @param source the file or folder the rows come from (named in errors and recorded in the index's manifest) */
    public EmbeddingsBuilder(Path source) {
        this.source = source;
    }

    /**
     * Adds one row after checking it.
     *
     * @param row      the row's number in its file (1 = the first), for the error message
     * @param recipeId the input recipe's id ({@code minmax}, {@code as-displayed}), see
     *                 {@link EmbeddingsFiles#recipeId}
     */
    public void add(long row, IndexedImage image, String weightsSha256, String recipeId, float[] vector)
            throws SimilarIndexException.BadEmbeddings {
        if (weightsSha256 == null || weightsSha256.isBlank()
                || weightsSha256.equals(EmbeddingProvenance.NOT_COMPUTED)) {
            throw bad("row " + row + " has no weights SHA-256 (embedded with --no-sha256?); an index must know its"
                    + " model: embed again without --no-sha256");
        }
        if (sha == null) {
            sha = weightsSha256;
            recipe = recipeId;
            dimension = vector.length;
        } else if (!sha.equals(weightsSha256)) {
            throw bad("row " + row + " was made with other weights (" + weightsSha256 + ") than the first row (" + sha
                    + "); one index holds one model's embeddings");
        } else if (!recipe.equals(recipeId)) {
            throw bad("row " + row + " was made with input recipe '" + recipeId + "', the first row with '" + recipe
                    + "'; one index holds one recipe's embeddings");
        } else if (vector.length != dimension) {
            throw bad("row " + row + " has " + vector.length + " values, the first row " + dimension);
        }
        checkVector(source, row, vector);
        rows.add(new Embeddings.Row(image, vector));
    }

    /** The rows gathered, with their common provenance; refuses none at all. */
    public Embeddings build() throws SimilarIndexException.BadEmbeddings {
        if (rows.isEmpty()) {
            throw bad("holds no embeddings");
        }
        return new Embeddings(source, new EmbeddingProvenance(sha, recipe, dimension), List.copyOf(rows));
    }

    /** Finite values with a non-zero norm: Lucene refuses anything else, and cosine needs a direction. */
    static void checkVector(Path file, long row, float[] v) throws SimilarIndexException.BadEmbeddings {
        double norm = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new SimilarIndexException.BadEmbeddings(file, "row " + row + " holds a value that is not"
                        + " finite (" + x + ")");
            }
            norm += (double) x * x;
        }
        if (norm == 0) {
            throw new SimilarIndexException.BadEmbeddings(file, "row " + row + " is the zero vector, which has no"
                    + " direction to compare by cosine");
        }
    }

    private SimilarIndexException.BadEmbeddings bad(String message) {
        return new SimilarIndexException.BadEmbeddings(source, message);
    }
}
