package org.raylens.app.spark;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.raylens.app.embed.EmbeddingTableFormat;
import org.raylens.core.io.AtomicFiles;
import org.raylens.core.io.CsvRecords;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --format csv}: the embeddings as one CSV file with exactly {@code raylens embed}'s columns and cell text
 * ({@link EmbeddingTableFormat}), for small checks and tools without a Parquet reader; failures go to
 * {@code OUT.failures.csv} (source,error,message) as embed's do. The file is replaced whole and atomically (a local
 * file through {@link AtomicFiles}; on another file system a temporary file renamed over it), so a killed job leaves
 * the previous table. A rerun keeps the rows present, byte for byte, and appends the new ones sorted by source.
 */
final class CsvOutput {
    private final SparkSession spark;
    private final Path out;
    private final FileSystem fs;

    CsvOutput(SparkSession spark, String out) throws IOException {
        this.spark = spark;
        Path p = new Path(out);
        this.fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        this.out = fs.makeQualified(p);
    }

    /** The rows already in the table (their text, each ending in a newline) and their sources. */
    record Existing(String header, String rowsText, Set<String> sources, String sha256) {
    }

    /** The table as a rerun finds it, or null when there is none; a table of other columns or weights is refused. */
    Existing existing() throws IOException {
        if (!fs.exists(out)) {
            return null;
        }
        byte[] bytes;
        try (InputStream in = fs.open(out)) {
            bytes = in.readAllBytes();
        }
        List<CsvRecords.Record> rows = CsvRecords.parse(bytes);
        if (rows.isEmpty() || !rows.get(0).complete()
                || !rows.get(0).cells().get(0).equals(EmbeddingTableFormat.PROVENANCE.get(0))) {
            throw new IOException(out + " is not an embeddings table; choose a new --out");
        }
        Set<String> sources = new LinkedHashSet<>();
        String sha = null;
        long end = rows.get(0).end();
        for (int i = 1; i < rows.size(); i++) {
            CsvRecords.Record r = rows.get(i);
            if (!r.complete() || r.isBlank()) {
                break; // written atomically, so only a hand-edited table ends like this: the tail is dropped
            }
            sources.add(r.cells().get(0));
            sha = r.cells().get(1);
            end = r.end();
        }
        String text = new String(bytes, 0, (int) end, StandardCharsets.UTF_8);
        int headerEnd = text.indexOf('\n') + 1;
        return new Existing(text.substring(0, headerEnd - 1), text.substring(headerEnd), sources, sha);
    }

    /** Writes the table: the header, the rows kept, then {@code added} sorted by source; and the failures list. */
    void write(Existing kept, List<Row> added, List<Row> failures, int dim) throws IOException {
        String header = EmbeddingTableFormat.header(dim);
        if (kept != null && !kept.header().equals(header)) {
            throw new IOException(out + " has other columns (another model?); choose a new --out");
        }
        StringBuilder sb = new StringBuilder(header).append('\n');
        if (kept != null) {
            sb.append(kept.rowsText());
        }
        added.stream().sorted(Comparator.comparing(r -> r.getString(0)))
                .forEach(r -> sb.append(EmbeddingRows.csvLine(r)));
        replace(out, sb.toString());
        Path failuresFile = new Path(out.getParent(), out.getName() + ".failures.csv");
        if (failures.isEmpty()) {
            fs.delete(failuresFile, false); // the list always describes the last run only
            return;
        }
        StringBuilder f = new StringBuilder("source,error,message\n");
        failures.stream().sorted(Comparator.comparing(r -> r.getString(0))).forEach(r -> f
                .append(EmbeddingTableFormat.quote(r.getString(0))).append(',')
                .append(EmbeddingTableFormat.quote(r.getString(r.fieldIndex(EmbeddingRows.ERROR)))).append(',')
                .append(EmbeddingTableFormat.quote(r.getString(r.fieldIndex(EmbeddingRows.MESSAGE))
                        .replace('\r', ' ').replace('\n', ' '))).append('\n'));
        replace(failuresFile, f.toString());
    }

    private void replace(Path target, String text) throws IOException {
        fs.mkdirs(target.getParent());
        if ("file".equals(target.toUri().getScheme())) {
            AtomicFiles.writeString(java.nio.file.Path.of(target.toUri()), text);
            return;
        }
        Path tmp = new Path(target.getParent(), "." + target.getName() + ".tmp-" + System.nanoTime());
        try (FSDataOutputStream o = fs.create(tmp, false)) {
            o.write(text.getBytes(StandardCharsets.UTF_8));
        }
        fs.delete(target, false);
        if (!fs.rename(tmp, target)) {
            throw new IOException("cannot move " + tmp + " to " + target);
        }
    }
}
