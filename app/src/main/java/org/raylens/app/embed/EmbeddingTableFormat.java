package org.raylens.app.embed;

import java.util.List;

/**
 * The text form of an embeddings table, shared by {@code raylens embed} and the Spark job's {@code --format csv} so
 * both write the same bytes for the same image: the provenance columns, then the D values as {@link Float#toString}
 * writes them (the shortest text that reads back to the same float), cells quoted only when they must be.
 */
public final class EmbeddingTableFormat {
    /**
     * The provenance columns. The first names the image by its source URI ({@code SourceNames}); tables made before
     * images were sources named it by path in a "path" column.
     */
    public static final List<String> PROVENANCE = List.of("source", "weights_sha256", "weights_file", "naming",
            "input_recipe", "preprocessing", "interpolation", "grid_rows", "grid_cols", "dim");

    private EmbeddingTableFormat() {
    }

    /** The header line (without its newline): the provenance columns, then e0..e(D-1). */
    public static String header(int dim) {
        StringBuilder sb = new StringBuilder(String.join(",", PROVENANCE));
        for (int i = 0; i < dim; i++) {
            sb.append(",e").append(i);
        }
        return sb.toString();
    }

    /** One row, ending in a newline. */
    public static String row(List<String> provenance, float[] embedding) {
        if (provenance.size() != PROVENANCE.size()) {
            throw new IllegalArgumentException("a row has " + PROVENANCE.size() + " provenance cells, got "
                    + provenance.size());
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < provenance.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(quote(provenance.get(i)));
        }
        for (float v : embedding) {
            sb.append(',').append(v);
        }
        return sb.append('\n').toString();
    }

    /** A cell as CSV (RFC 4180): quoted, with doubled quotes, when it holds a comma, quote or line break. */
    public static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
