package org.raylens.app.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.raylens.app.cli.IndexBuildOptions;
import org.raylens.app.similar.EmbeddingsBuilder;
import org.raylens.app.similar.HnswSettings;
import org.raylens.app.similar.IndexManifest;
import org.raylens.app.similar.IndexedImage;
import org.raylens.app.similar.SimilarityIndex;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;

/**
 * {@code raylens-spark-submit index OUT --out INDEX}: the similar-image index of the embedding job's Parquet output,
 * the same index {@code raylens similar build} makes from a CSV. The app cannot read Parquet (that needs Hadoop,
 * which only the Spark side has), so the job reads its own committed runs here, streams the rows to the driver in
 * source order and builds the index locally through the app's {@link EmbeddingsBuilder} (one model, one recipe,
 * finite non-zero vectors) and {@link SimilarityIndex#build} (written whole or not at all).
 */
@Command(name = "raylens-spark-submit index", mixinStandardHelpOptions = true,
        description = "Build a similar-image index (as raylens similar build) from the embedding job's Parquet output.",
        footer = {"", "Query it with raylens similar query --index INDEX. Exit status: 0 built; 2 unreadable"
                + " embeddings or unwritable index; 64 usage error."})
final class SparkIndexJob implements Callable<Integer> {
    /** The first argument that selects this job instead of embedding. */
    static final String NAME = "index";

    @Parameters(index = "0", paramLabel = "EMBEDDINGS", description = "the embedding job's --out folder (Parquet), on"
            + " any Hadoop file system")
    String embeddings;

    @Option(names = "--out", required = true, description = "the index folder, on this machine's file system")
    Path index;

    @CommandLine.Mixin
    IndexBuildOptions options = new IndexBuildOptions();

    private final SparkSession spark;
    private PrintWriter stdout;
    private PrintWriter err;

    private SparkIndexJob(SparkSession spark) {
        this.spark = spark;
    }

    /** Runs the index job ({@code args} without the leading {@value NAME}). */
    static int run(SparkSession spark, String[] args, PrintWriter stdout, PrintWriter err) {
        SparkIndexJob job = new SparkIndexJob(spark);
        job.stdout = stdout;
        job.err = err;
        return SparkEmbedJob.execute(job, args, stdout, err);
    }

    @Override
    public Integer call() {
        HnswSettings hnsw;
        try {
            hnsw = options.hnsw();
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        try {
            Dataset<Row> committed = new ParquetOutput(spark, embeddings).committed();
            if (committed == null) {
                err.println("error: " + embeddings + " holds no committed embeddings (the embedding job's --out folder,"
                        + " with embeddings/run=... inside, is expected)");
                return SparkEmbedJob.UNREADABLE;
            }
            EmbeddingsBuilder rows = new EmbeddingsBuilder(Path.of(embeddings));
            // only the columns an index keeps travel to the driver (Parquet reads just those)
            Iterator<Row> it = committed.select(EmbeddingRows.SOURCE, "study_instance_uid", "series_instance_uid",
                    "sop_instance_uid", EmbeddingRows.SHA, "recipe", EmbeddingRows.EMBEDDING)
                    .orderBy(col(EmbeddingRows.SOURCE)).toLocalIterator();
            long n = 0;
            while (it.hasNext()) {
                Row r = it.next();
                n++;
                rows.add(n, new IndexedImage(text(r, EmbeddingRows.SOURCE), text(r, "study_instance_uid"),
                                text(r, "series_instance_uid"), text(r, "sop_instance_uid")),
                        text(r, EmbeddingRows.SHA), text(r, "recipe"), EmbeddingRows.vector(r));
            }
            IndexManifest built = SimilarityIndex.build(rows.build(), index, hnsw, options.overwrite(),
                    options.threads());
            stdout.printf("indexed %d image(s) of %d values (weights %s, recipe %s): %s%n", built.count(),
                    built.dimension(), built.weightsSha256(), built.recipe(), index.toAbsolutePath());
            return SparkEmbedJob.OK;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return SparkEmbedJob.UNREADABLE;
        }
    }

    private static String text(Row r, String column) {
        return r.getString(r.fieldIndex(column));
    }
}
