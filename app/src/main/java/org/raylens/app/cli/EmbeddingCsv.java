package org.raylens.app.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embeddings table: one row per image with provenance columns, then the D embedding values written with
 * {@link Float#toString} (exact round trip). Rows are appended and flushed one by one, so an interrupted run resumes
 * where it stopped: rows already present for the same weights SHA-256 are skipped.
 */
final class EmbeddingCsv implements AutoCloseable {
    static final List<String> PROVENANCE = List.of("path", "weights_sha256", "weights_file", "naming", "input_recipe",
            "preprocessing", "interpolation", "grid_rows", "grid_cols", "dim");
    private final Path file;
    private final Map<String, Integer> done;
    private final BufferedWriter writer;
    private final int dim;

    private EmbeddingCsv(Path file, Map<String, Integer> done, BufferedWriter writer, int dim) {
        this.file = file;
        this.done = done;
        this.writer = writer;
        this.dim = dim;
    }

    /** Opens for appending; checks that an existing table has the same columns and was made with the same weights. */
    static EmbeddingCsv open(Path file, int dim, String sha256) throws IOException {
        Map<String, Integer> done = new LinkedHashMap<>();
        String header = header(dim);
        boolean exists = Files.isRegularFile(file) && Files.size(file) > 0;
        if (exists) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (!lines.get(0).equals(header)) {
                throw new IOException(file + " exists with other columns (another model?); choose a new --out");
            }
            for (int i = 1; i < lines.size(); i++) {
                List<String> cells = parse(lines.get(i));
                if (cells.size() != PROVENANCE.size() + dim) {
                    continue; // a row cut short by an interruption: it will be recomputed
                }
                if (!cells.get(1).equals(sha256)) {
                    throw new IOException(file + " holds rows made with other weights (sha256 " + cells.get(1)
                            + "); choose a new --out");
                }
                done.put(cells.get(0), done.size());
            }
            // rewrite without partial rows so appends start on a clean line
            List<String> keep = new ArrayList<>();
            keep.add(header);
            for (int i = 1; i < lines.size(); i++) {
                if (parse(lines.get(i)).size() == PROVENANCE.size() + dim) {
                    keep.add(lines.get(i));
                }
            }
            Files.write(file, keep, StandardCharsets.UTF_8);
        } else {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, header + System.lineSeparator(), StandardCharsets.UTF_8);
        }
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return new EmbeddingCsv(file, done, w, dim);
    }

    static String header(int dim) {
        StringBuilder sb = new StringBuilder(String.join(",", PROVENANCE));
        for (int i = 0; i < dim; i++) {
            sb.append(",e").append(i);
        }
        return sb.toString();
    }

    boolean contains(String path) {
        return done.containsKey(path);
    }

    /** Row index of a path already in the table. */
    Integer rowOf(String path) {
        return done.get(path);
    }

    int rows() {
        return done.size();
    }

    /** @return the row index of the appended row */
    int append(List<String> provenance, float[] embedding) throws IOException {
        if (embedding.length != dim || provenance.size() != PROVENANCE.size()) {
            throw new IllegalArgumentException("row shape");
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
        writer.write(sb.toString());
        writer.newLine();
        writer.flush();
        int row = done.size();
        done.put(provenance.get(0), row);
        return row;
    }

    /** All embeddings in row order (for writing the .npy form). */
    static List<float[]> readEmbeddings(Path file, int dim) throws IOException {
        List<float[]> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            List<String> cells = parse(lines.get(i));
            float[] e = new float[dim];
            for (int j = 0; j < dim; j++) {
                e[j] = Float.parseFloat(cells.get(PROVENANCE.size() + j));
            }
            out.add(e);
        }
        return out;
    }

    static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    static List<String> parse(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        cells.add(cur.toString());
        return cells;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
