package org.raylens.app.cli;

import org.raylens.core.io.CsvRecords;
import org.raylens.core.io.CsvRecords.Record;

import org.raylens.app.embed.EmbeddingTableFormat;
import org.raylens.core.io.AtomicFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.raylens.viewer.source.ImageSource;
import org.raylens.viewer.source.SourceNames;

/**
 * The embeddings table: one row per image with provenance columns, then the D embedding values written with
 * {@link Float#toString} (exact round trip). Each row goes to the file in one write, ending in a newline, so an
 * interrupted run leaves complete rows and at most one cut-off row at the end.
 *
 * <p>Resuming never rewrites finished rows: an existing table is read and checked (header, column count, every value
 * parses, the weights SHA-256), an incomplete last row (cut inside a value, after a comma, or before its newline) is
 * cut off by truncating the file just after the last complete row, and new rows are appended. Rows already present
 * are skipped by the caller. A damaged row before the end was not made by an interruption, so it is refused.
 */
final class EmbeddingCsv implements AutoCloseable {
    private static final String LEGACY_KEY = "path";
    /** The provenance columns; path-keyed tables (made before image sources) still resume ({@link #keyOf}). */
    static final List<String> PROVENANCE = EmbeddingTableFormat.PROVENANCE;
    private final Path file;
    private final Map<String, Integer> done;
    private final FileChannel channel;
    private final int dim;
    private final long cutBytes;
    /** True for a table whose first column is "path" (made before image sources): its keys are paths. */
    private final boolean pathKeyed;

    private EmbeddingCsv(Path file, Map<String, Integer> done, FileChannel channel, int dim, long cutBytes,
            boolean pathKeyed) {
        this.pathKeyed = pathKeyed;
        this.file = file;
        this.done = done;
        this.channel = channel;
        this.dim = dim;
        this.cutBytes = cutBytes;
    }

    /**
     * Opens for appending, creating the table (header written atomically) when it is absent or empty; checks that an
     * existing table has the same columns and was made with the same weights, and cuts off an incomplete last row.
     */
    static EmbeddingCsv open(Path file, int dim, String sha256) throws IOException {
        Map<String, Integer> done = new LinkedHashMap<>();
        String header = header(dim);
        long cut = 0;
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            byte[] bytes = Files.readAllBytes(file);
            List<Record> rows = rows(bytes);
            String found = rows.isEmpty() ? "" : String.join(",", rows.get(0).cells());
            boolean pathKeyed = found.equals(LEGACY_KEY + header.substring(PROVENANCE.get(0).length()));
            if (rows.isEmpty() || !rows.get(0).complete() || !(found.equals(header) || pathKeyed)) {
                throw new IOException(file + " exists with other columns (another model?) or is not an embeddings"
                        + " table; choose a new --out");
            }
            long keep = rows.get(0).end();
            for (int i = 1; i < rows.size(); i++) {
                Record row = rows.get(i);
                String problem = row.complete() ? problem(row.cells(), dim) : "it has no end of line";
                if (problem != null) {
                    if (i == rows.size() - 1) {
                        break; // the last row, cut short by an interruption: recomputed and appended again
                    }
                    throw new IOException(file + ": row " + i + " is damaged (" + problem + ") and is not the last"
                            + " row; this is not an interrupted run: choose a new --out");
                }
                if (!row.cells().get(1).equals(sha256)) {
                    throw new IOException(file + " holds rows made with other weights (sha256 " + row.cells().get(1)
                            + "); choose a new --out");
                }
                done.put(row.cells().get(0), done.size());
                keep = row.end();
            }
            cut = bytes.length - keep;
            FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
            try {
                if (cut > 0) {
                    // only the incomplete tail goes; every complete row stays where it is, untouched
                    channel.truncate(keep);
                    channel.force(true);
                }
                channel.position(keep);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return new EmbeddingCsv(file, done, channel, dim, cut, pathKeyed);
        }
        AtomicFiles.writeString(file, header + "\n");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        return new EmbeddingCsv(file, done, channel, dim, 0, false);
    }

    /**
     * The key column's value for {@code source}: its URI, or in a path-keyed table its path when it is a whole local
     * file (as that table's earlier rows name it, so a resume finds them).
     */
    String keyOf(ImageSource source) {
        if (pathKeyed && source.uri().getFragment() == null && source.localFile().isPresent()) {
            return source.localFile().get().toAbsolutePath().normalize().toString();
        }
        return SourceNames.of(source);
    }

    static String header(int dim) {
        return EmbeddingTableFormat.header(dim);
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

    /** Bytes of an incomplete last row that opening cut off (0 when the table ended cleanly). */
    long cutBytes() {
        return cutBytes;
    }

    /** @return the row index of the appended row */
    synchronized int append(List<String> provenance, float[] embedding) throws IOException {
        if (embedding.length != dim || provenance.size() != PROVENANCE.size()) {
            throw new IllegalArgumentException("row shape");
        }
        // one write per row: a kill leaves this row whole or cut, never a finished row damaged
        ByteBuffer buf = ByteBuffer.wrap(EmbeddingTableFormat.row(provenance, embedding)
                .getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        int row = done.size();
        done.put(provenance.get(0), row);
        return row;
    }

    /** Forces the rows written so far to disk (called at the end and on Ctrl-C). */
    synchronized void force() throws IOException {
        if (channel.isOpen()) {
            channel.force(false);
        }
    }

    /** All embeddings in row order (for writing the .npy form); a cut-off last row is left out. */
    static List<float[]> readEmbeddings(Path file, int dim) throws IOException {
        List<float[]> out = new ArrayList<>();
        List<Record> rows = rows(Files.readAllBytes(file));
        for (int i = 1; i < rows.size(); i++) {
            Record row = rows.get(i);
            String problem = row.complete() ? problem(row.cells(), dim) : "it has no end of line";
            if (problem != null) {
                if (i == rows.size() - 1) {
                    break;
                }
                throw new IOException(file + ": row " + i + " is damaged (" + problem + ")");
            }
            float[] e = new float[dim];
            for (int j = 0; j < dim; j++) {
                e[j] = Float.parseFloat(row.cells().get(PROVENANCE.size() + j));
            }
            out.add(e);
        }
        return out;
    }

    /** Why a row is not a complete table row, or null when it is. */
    private static String problem(List<String> cells, int dim) {
        if (cells.size() != PROVENANCE.size() + dim) {
            return cells.size() + " columns, expected " + (PROVENANCE.size() + dim);
        }
        for (int j = PROVENANCE.size(); j < cells.size(); j++) {
            String v = cells.get(j);
            if (!isFloat(v)) {
                return "value " + (j - PROVENANCE.size()) + " '" + v + "' is not a number";
            }
        }
        return null;
    }

    /**
     * Not empty, and parses. A value cut short ({@code -0.249} of {@code -0.24999171}) still parses, but only the last
     * row can be cut and it then lacks its newline, which {@link Record#complete()} catches.
     */
    private static boolean isFloat(String v) {
        if (v.isEmpty()) {
            return false;
        }
        try {
            Float.parseFloat(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static String quote(String s) {
        return EmbeddingTableFormat.quote(s);
    }

    /** One line's cells (a record without line breaks inside quotes). */
    static List<String> parse(String line) {
        List<Record> rows = rows(line.getBytes(StandardCharsets.UTF_8));
        return rows.isEmpty() ? List.of("") : rows.get(0).cells();
    }

    /** The table's records (the one CSV reader, which also says where each ends and whether it is whole). */
    private static List<Record> rows(byte[] b) {
        return CsvRecords.parse(b);
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel.isOpen()) {
            try {
                channel.force(false);
            } finally {
                channel.close();
            }
        }
    }
}
