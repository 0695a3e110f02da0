package org.raylens.app.spark;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * The Parquet output folder, written so that a reader never sees a partial run and a rerun resumes:
 * <pre>
 * OUT/embeddings/run=RUNID/part-*.parquet   one committed folder per run (Spark reads OUT/embeddings as one table,
 * OUT/failures/run=RUNID/part-*.parquet       with a "run" column)
 * OUT/_staging-RUNID/                         a run in progress; invisible to readers of OUT/embeddings
 * </pre>
 * A run writes its tables into {@code _staging-RUNID} with Spark's own committer (which leaves {@code _SUCCESS} only
 * when every task committed), then renames each into place: a rename of a folder is atomic on HDFS and local file
 * systems, so a run is either wholly in {@code embeddings/} or not at all. A killed run leaves only its staging
 * folder, which the next run removes. (On object stores such as S3 a rename is a copy: use a committer made for them,
 * e.g. the S3A magic committer, or write to HDFS and copy.) One run at a time may write an output.
 */
final class ParquetOutput {
    static final String EMBEDDINGS = "embeddings";
    static final String FAILURES = "failures";
    static final String STAGING_PREFIX = "_staging-";

    private final SparkSession spark;
    private final Path out;
    private final FileSystem fs;

    ParquetOutput(SparkSession spark, String out) throws IOException {
        this.spark = spark;
        Path p = new Path(out);
        this.fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        this.out = fs.makeQualified(p);
    }

    Path embeddings() {
        return new Path(out, EMBEDDINGS);
    }

    /** Staging folders left by killed runs: never committed, never read; removed before a new run starts. */
    int removeAbandonedStaging() throws IOException {
        if (!fs.exists(out)) {
            return 0;
        }
        int removed = 0;
        for (FileStatus s : fs.listStatus(out, p -> p.getName().startsWith(STAGING_PREFIX))) {
            fs.delete(s.getPath(), true);
            removed++;
        }
        return removed;
    }

    /** The embeddings committed by earlier runs, or null when there are none. */
    Dataset<Row> committed() throws IOException {
        Path e = embeddings();
        if (!fs.exists(e) || fs.listStatus(e, p -> p.getName().startsWith("run=")).length == 0) {
            return null;
        }
        return spark.read().parquet(e.toString());
    }

    /**
     * Writes this run's results (embeddings and failures) to staging and commits them into place.
     *
     * @return the committed run folders' names
     */
    List<String> write(Dataset<Row> results, String runId) throws IOException {
        Path staging = new Path(out, STAGING_PREFIX + runId);
        Path stagedEmbeddings = new Path(staging, EMBEDDINGS);
        Path stagedFailures = new Path(staging, FAILURES);
        results.filter(col(EmbeddingRows.ERROR).isNull()).select(columns(EmbeddingRows.EMBEDDINGS))
                .write().mode(SaveMode.ErrorIfExists).parquet(stagedEmbeddings.toString());
        results.filter(col(EmbeddingRows.ERROR).isNotNull()).select(columns(EmbeddingRows.FAILURES))
                .write().mode(SaveMode.ErrorIfExists).parquet(stagedFailures.toString());
        String run = "run=" + runId;
        commit(stagedEmbeddings, new Path(embeddings(), run));
        commit(stagedFailures, new Path(new Path(out, FAILURES), run));
        fs.delete(staging, true);
        return List.of(EMBEDDINGS + "/" + run, FAILURES + "/" + run);
    }

    private void commit(Path staged, Path target) throws IOException {
        if (!fs.exists(new Path(staged, "_SUCCESS"))) {
            throw new IOException(staged + " has no _SUCCESS marker: Spark did not commit it; nothing was published");
        }
        fs.mkdirs(target.getParent());
        if (!fs.rename(staged, target)) {
            throw new IOException("cannot move " + staged + " to " + target);
        }
    }

    private static org.apache.spark.sql.Column[] columns(List<String> names) {
        return names.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new);
    }
}
