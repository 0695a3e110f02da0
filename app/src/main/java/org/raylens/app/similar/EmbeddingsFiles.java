package org.raylens.app.similar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.raylens.app.analysis.InputRecipe;
import org.raylens.core.io.CsvRecords;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.io.NpyReader;

/**
 * Reads embeddings for indexing from the files RayLens writes: {@code raylens embed}'s table ({@code .csv}; the
 * Spark job's {@code --format csv} has the same columns), or its {@code .npy} form with the rows and provenance in the
 * sidecar {@code OUT.npy.csv}. Columns are found by their header names, not positions, so an older path-keyed table,
 * a table with extra UID columns ({@code study_uid}, {@code series_uid}, {@code sop_uid}) and the embed table all
 * read the same way.
 *
 * <p>Parquet (the Spark job's default output) is refused with a typed error that names the route: its readers on
 * Maven Central (parquet-hadoop) need Hadoop's classes, which would add tens of megabytes to an installer that must
 * stay under 200 MB. The Spark job, which has Hadoop, builds the index from its own Parquet
 * ({@code raylens-spark-submit index OUT --out INDEX}, through the same {@link EmbeddingsBuilder} and
 * {@link SimilarityIndex#build}), or writes CSV ({@code --format csv}) for this reader.
 *
 * <p>Every row must come from the same weights and input recipe and have the same dimension, with finite values and a
 * non-zero norm (cosine is undefined for a zero vector): anything else is a {@link SimilarIndexException.BadEmbeddings}
 * naming the row. A last row cut short by an interrupted {@code embed} is left out, as {@code embed} itself does.
 */
public final class EmbeddingsFiles {
    /** The largest table read whole (a Java array's limit). */
    private static final long MAX_TABLE_BYTES = Integer.MAX_VALUE - 64;
    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

    private EmbeddingsFiles() {}

    /** Reads {@code file} (a .csv table, a .npy with its .npy.csv sidecar), or refuses Parquet with the route. */
    public static Embeddings read(Path file) throws IOException {
        if (isParquet(file)) {
            throw new SimilarIndexException.UnsupportedEmbeddings(file, "Parquet embeddings (the Spark job's default"
                    + " output) cannot be read without Hadoop, which RayLens does not bundle; build the index with the"
                    + " Spark job itself (raylens-spark-submit index <its --out folder> --out <index>), or run the job"
                    + " with --format csv and build the index from that CSV");
        }
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString(), null, "no such embeddings file");
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            return readNpy(file);
        }
        Table t = readTable(file);
        return new Embeddings(file, t.provenance, t.rows);
    }

    /**
     * A Parquet file (by its magic), a {@code .parquet} name, or a folder of Parquet parts: Spark's table folder, or
     * the Spark job's whole output ({@code OUT/embeddings/run=ID/part-*.parquet}, three levels down).
     */
    static boolean isParquet(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            try (Stream<Path> s = Files.walk(file, 3)) {
                return s.anyMatch(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet"));
            }
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
            return true;
        }
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(4), PARQUET_MAGIC);
        }
    }

    private static Embeddings readNpy(Path npy) throws IOException {
        Path sidecar = npy.resolveSibling(npy.getFileName() + ".csv");
        if (!Files.isRegularFile(sidecar)) {
            throw new SimilarIndexException.BadEmbeddings(npy, "its rows and provenance are missing: " + sidecar
                    + " (raylens embed writes it beside an .npy output) is not there");
        }
        Table t = readTable(sidecar);
        FloatTensor m = NpyReader.read(npy);
        if (m.rank() != 2 || m.dim(0) != t.rows.size() || m.dim(1) != t.provenance.dimension()) {
            throw new SimilarIndexException.BadEmbeddings(npy, "shape " + java.util.Arrays.toString(m.shape())
                    + " does not match its sidecar " + sidecar.getFileName() + " (" + t.rows.size() + " rows of "
                    + t.provenance.dimension() + "); embed again to make both from one run");
        }
        int d = t.provenance.dimension();
        EmbeddingsBuilder rows = new EmbeddingsBuilder(npy);
        for (int i = 0; i < t.rows.size(); i++) {
            float[] v = java.util.Arrays.copyOfRange(m.data(), i * d, (i + 1) * d);
            rows.add(i + 1, t.rows.get(i).image(), t.provenance.weightsSha256(), t.provenance.recipe(), v);
        }
        return rows.build();
    }

    private record Table(EmbeddingProvenance provenance, List<Embeddings.Row> rows) {}

    private static Table readTable(Path file) throws IOException {
        if (Files.size(file) > MAX_TABLE_BYTES) {
            throw new SimilarIndexException.BadEmbeddings(file, Files.size(file) + " bytes: a table over 2 GB cannot be"
                    + " read in one piece; split the images into several tables, one index each");
        }
        List<CsvRecords.Record> records = CsvRecords.parse(Files.readAllBytes(file));
        if (records.isEmpty() || !records.get(0).complete()) {
            throw new SimilarIndexException.BadEmbeddings(file, "empty, or not an embeddings table (no header line)");
        }
        Map<String, Integer> col = new HashMap<>();
        List<String> header = records.get(0).cells();
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i).trim().toLowerCase(Locale.ROOT), i);
        }
        Integer key = col.containsKey("source") ? col.get("source") : col.get("path");
        Integer sha = col.get("weights_sha256");
        Integer recipe = col.containsKey("input_recipe") ? col.get("input_recipe") : col.get("recipe");
        Integer first = col.get("e0");
        if (key == null || sha == null || first == null) {
            throw new SimilarIndexException.BadEmbeddings(file, "not an embeddings table: it needs the columns"
                    + " source (or path), weights_sha256 and e0..eN, as raylens embed writes them");
        }
        int dim = 0;
        while (col.containsKey("e" + dim)) {
            if (col.get("e" + dim) != first + dim) {
                throw new SimilarIndexException.BadEmbeddings(file, "the columns e0..eN are not in order");
            }
            dim++;
        }
        Integer study = col.get("study_uid");
        Integer series = col.get("series_uid");
        Integer sop = col.get("sop_uid");
        EmbeddingsBuilder rows = new EmbeddingsBuilder(file);
        for (int r = 1; r < records.size(); r++) {
            CsvRecords.Record rec = records.get(r);
            boolean last = r == records.size() - 1;
            if (last && (!rec.complete() || rec.isBlank())) {
                break; // cut short by an interrupted run (embed leaves it to be recomputed), or a trailing blank line
            }
            List<String> c = rec.cells();
            if (c.size() != header.size()) {
                throw new SimilarIndexException.BadEmbeddings(file, "row " + r + " has " + c.size() + " columns, the"
                        + " header " + header.size());
            }
            float[] v = new float[dim];
            for (int j = 0; j < dim; j++) {
                try {
                    v[j] = Float.parseFloat(c.get(first + j));
                } catch (NumberFormatException e) {
                    throw new SimilarIndexException.BadEmbeddings(file, "row " + r + ": value e" + j + " '"
                            + c.get(first + j) + "' is not a number");
                }
            }
            rows.add(r, new IndexedImage(c.get(key), cell(c, study), cell(c, series), cell(c, sop)), c.get(sha),
                    recipe == null ? "unknown" : recipeId(c.get(recipe)), v);
        }
        Embeddings e = rows.build();
        return new Table(e.provenance(), e.rows());
    }

    private static String cell(List<String> cells, Integer column) {
        return column == null ? "" : cells.get(column);
    }

    /**
     * The recipe id in an embed row's {@code input_recipe} cell, which is a sentence such as
     * {@code "DICOM ...; input recipe minmax: modality values ..."} or {@code "npy 2-D values; minmax: ..."}; the
     * Spark table's {@code recipe} column holds the id itself. A cell naming no known recipe is kept whole.
     */
    public static String recipeId(String cell) {
        String c = cell.trim();
        for (InputRecipe r : InputRecipe.values()) {
            if (c.equals(r.id()) || c.contains("input recipe " + r.id() + ":") || c.contains("; " + r.id() + ":")
                    || c.startsWith(r.id() + ":")) {
                return r.id();
            }
        }
        return c;
    }
}
