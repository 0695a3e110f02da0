package org.raylens.app.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.raylens.app.analysis.InputRecipe;
import org.raylens.app.cli.InputRecipeOption;
import org.raylens.app.cli.ModelOptions;
import org.raylens.app.cli.InterpolationConverter;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.Precision;
import org.raylens.inference.encoder.TorchEngine;
import org.raylens.inference.weights.WeightsIdentity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;

/**
 * The Spark job: {@code raylens embed} over a whole archive. The driver lists the inputs, loads the model once to
 * learn its weights SHA-256 and width, drops the images an earlier run already embedded (resume), and spreads the
 * rest over the executors with {@code mapPartitions}; each executor JVM loads the model once and runs the same
 * {@link org.raylens.app.embed.EmbeddingPipeline} ({@link EmbedPartition}). Output: Parquet ({@link ParquetOutput},
 * committed atomically per run) or one CSV file ({@link CsvOutput}).
 */
@Command(name = "raylens-spark-submit", mixinStandardHelpOptions = true,
        description = "Embed DICOM/PNG/JPEG images on Apache Spark, resumably (the same rows as raylens embed).",
        footer = {"", "raylens-spark-submit index OUT --out INDEX builds a similar-image index from OUT's Parquet"
                + " (raylens-spark-submit index --help).", "",
            "Exit status: 0 all embedded; 3 finished, but some files failed (see the failures table);"
                + " 2 unreadable input, model or output; 64 usage error."})
public final class SparkEmbedJob implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILURES = 3;
    static final int UNREADABLE = 2;

    @Option(names = "--model", required = true, description = "model folder on the driver (as for raylens embed)")
    Path model;

    @Option(names = "--executor-model", description = "the model folder as executors see it (default: --model);"
            + " e.g. 'model' for --archives model.zip#model")
    String executorModel;

    @Option(names = "--out", required = true, description = "output folder (parquet) or .csv file (csv), on any"
            + " Hadoop file system; rerun with the same --out to resume")
    String out;

    @Option(names = "--format", defaultValue = "parquet", description = "parquet (default) or csv")
    String format;

    @CommandLine.Mixin
    InputRecipeOption inputRecipe = new InputRecipeOption();

    @Option(names = "--precision", defaultValue = "FP32", converter = ModelOptions.PrecisionConverter.class,
            description = "fp32 (default, exact) or bf16 (the fast mode, as in raylens embed; fast only where the"
                    + " executors' CPUs have AMX or AVX-512-BF16); fp16 on CUDA only")
    Precision precision;

    @Option(names = "--gpu", description = "use CUDA on the executors when available")
    boolean gpu;

    @Option(names = "--threads", defaultValue = "1", description = "libtorch intra-op threads per executor JVM"
            + " (default 1: Spark runs one task per core; 0 = every core)")
    int threads;

    @Option(names = "--interpolation", defaultValue = "hf", converter = InterpolationConverter.class,
            description = "position-embedding interpolation: " + InterpolationConverter.NAMES)
    PositionEmbeddingInterpolation interpolation;

    @Option(names = "--batch", defaultValue = "1", description = "images per forward (as raylens embed)")
    int batch;

    @Option(names = "--weights-file", description = "weights file name inside the model folder")
    String weightsFile;

    @Option(names = "--heads", description = "attention heads (a native checkpoint without config.json)")
    Integer heads;

    @Option(names = "--family", description = "encoder family to load with")
    String family;

    @Option(names = "--partitions", defaultValue = "0",
            description = "tasks to split the images into (default: 4 per core of the cluster, at most one per image)")
    int partitions;

    @Parameters(arity = "1..*", paramLabel = "INPUT",
            description = "folders, globs, images, or list files (@list.txt, one path a line), on any Hadoop FS")
    List<String> inputs;

    private final SparkSession spark;
    private PrintWriter stdout;
    private PrintWriter err;

    SparkEmbedJob(SparkSession spark) {
        this.spark = spark;
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("raylens-embed").getOrCreate();
        int rc;
        try {
            rc = run(spark, args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        } finally {
            spark.stop();
        }
        if (rc != OK) {
            System.exit(rc);
        }
    }

    /**
     * Runs the job in {@code spark} (tests call this with their own session): the embedding, or, when the first
     * argument is {@value SparkIndexJob#NAME}, the similar-image index of an embedding output ({@link SparkIndexJob}).
     */
    static int run(SparkSession spark, String[] args, PrintWriter stdout, PrintWriter err) {
        if (args.length > 0 && args[0].equals(SparkIndexJob.NAME)) {
            return SparkIndexJob.run(spark, java.util.Arrays.copyOfRange(args, 1, args.length), stdout, err);
        }
        SparkEmbedJob job = new SparkEmbedJob(spark);
        job.stdout = stdout;
        job.err = err;
        return execute(job, args, stdout, err);
    }

    /** Parses {@code args} into {@code job} and runs it, usage and errors written to the job's own streams. */
    static int execute(Object job, String[] args, PrintWriter stdout, PrintWriter err) {
        CommandLine cli = new CommandLine(job);
        cli.setOut(stdout);
        cli.setErr(err);
        return cli.execute(args);
    }

    @Override
    public Integer call() throws IOException {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!fmt.equals("parquet") && !fmt.equals("csv")) {
            err.println("error: --format must be parquet or csv, got " + format);
            return CommandLine.ExitCode.USAGE;
        }
        if (batch < 1 || batch > 256) {
            err.println("error: --batch must be between 1 and 256, got " + batch);
            return CommandLine.ExitCode.USAGE;
        }
        InputRecipe recipe = inputRecipe.recipe();
        JobSpec spec = new JobSpec(executorModel != null ? executorModel : model.toAbsolutePath().toString(),
                weightsFile, heads, family, gpu, precision.name(), threads, recipe.id(), interpolation.name(), batch,
                null);
        // the driver loads the model once: a bad folder fails here, before the cluster works; its SHA-256 is what
        // every executor's copy must match
        int dim;
        String sha;
        TorchEngine.configure(Math.max(threads, 0));
        try (Encoder encoder = spec.load(model.toAbsolutePath(), WeightsIdentity.userCache())) {
            dim = encoder.info().hiddenSize();
            sha = encoder.provenance().sha256();
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: cannot load the model " + model + ": " + e.getMessage());
            return UNREADABLE;
        }
        spec = spec.withExpectedSha256(sha);

        List<String> names;
        try {
            names = new InputListing(spark.sparkContext().hadoopConfiguration()).list(inputs);
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return UNREADABLE;
        }
        if (names.isEmpty()) {
            err.println("error: no images found");
            return UNREADABLE;
        }
        Dataset<Row> todo = spark.createDataset(names, Encoders.STRING()).toDF(EmbeddingRows.SOURCE);
        return fmt.equals("csv") ? runCsv(spec, todo, names.size(), dim, sha) : runParquet(spec, todo, names.size(), sha);
    }

    private int runParquet(JobSpec spec, Dataset<Row> inputs, int listed, String sha) throws IOException {
        ParquetOutput output = new ParquetOutput(spark, out);
        int abandoned = output.removeAbandonedStaging();
        if (abandoned > 0) {
            err.println("note: removed " + abandoned + " staging folder(s) of interrupted runs (never published)");
        }
        Dataset<Row> done = output.committed();
        Dataset<Row> todo = inputs;
        if (done != null) {
            List<Row> made = done.select(EmbeddingRows.SHA, "recipe", "precision", "interpolation").distinct()
                    .collectAsList();
            for (Row r : made) {
                if (!r.getString(0).equals(sha) || !r.getString(1).equals(spec.recipe())
                        || !r.getString(2).equals(spec.precision()) || !r.getString(3).equals(spec.interpolation())) {
                    err.println("error: " + out + " holds embeddings made with other settings (weights " + r.getString(0)
                            + ", recipe " + r.getString(1) + ", precision " + r.getString(2) + ", interpolation "
                            + r.getString(3) + "); choose a new --out");
                    return UNREADABLE;
                }
            }
            todo = inputs.join(done.select(EmbeddingRows.SOURCE), EmbeddingRows.SOURCE, "left_anti");
        }
        long remaining = todo.count();
        if (remaining == 0) {
            stdout.printf("embedded 0 new image(s), %d already done, 0 failed: %s%n", listed, out);
            return OK;
        }
        Dataset<Row> results = embed(spec, todo, (int) remaining).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long start = System.nanoTime();
            List<String> committed = output.write(results, runId());
            double seconds = (System.nanoTime() - start) / 1e9;
            long failed = results.filter(col(EmbeddingRows.ERROR).isNotNull()).count();
            long added = remaining - failed;
            stdout.printf("embedded %d new image(s), %d already done, %d failed: %s (this run: %s)%n", added,
                    listed - remaining, failed, out, String.join(", ", committed));
            printRate(remaining, seconds);
            return failed == 0 ? OK : FAILURES;
        } finally {
            results.unpersist();
        }
    }

    private int runCsv(JobSpec spec, Dataset<Row> inputs, int listed, int dim, String sha) throws IOException {
        CsvOutput output = new CsvOutput(spark, out);
        CsvOutput.Existing kept = output.existing();
        Dataset<Row> todo = inputs;
        if (kept != null) {
            if (kept.sha256() != null && !kept.sha256().equals(sha)) {
                err.println("error: " + out + " holds rows made with other weights (sha256 " + kept.sha256()
                        + "); choose a new --out");
                return UNREADABLE;
            }
            List<String> doneNames = List.copyOf(kept.sources());
            todo = inputs.join(spark.createDataset(doneNames, Encoders.STRING()).toDF(EmbeddingRows.SOURCE),
                    EmbeddingRows.SOURCE, "left_anti");
        }
        long remaining = todo.count();
        long start = System.nanoTime();
        List<Row> rows = remaining == 0 ? List.of() : embed(spec, todo, (int) remaining).collectAsList();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Row> added = rows.stream().filter(r -> r.isNullAt(r.fieldIndex(EmbeddingRows.ERROR))).toList();
        List<Row> failed = rows.stream().filter(r -> !r.isNullAt(r.fieldIndex(EmbeddingRows.ERROR))).toList();
        output.write(kept, added, failed, dim);
        stdout.printf("embedded %d new image(s), %d already done, %d failed: %s%n", added.size(), listed - remaining,
                failed.size(), out);
        printRate(remaining, seconds);
        return failed.isEmpty() ? OK : FAILURES;
    }

    /**
     * The embedding stage's rate: from the first task to the committed output, executors' model loading included;
     * the JVM's and Spark's start and the driver's model check are not (the job's scaling, not its start-up).
     */
    private void printRate(long images, double seconds) {
        stdout.printf(Locale.ROOT, "embedding stage: %d image(s) in %.1f s = %.3f images/s on %d core(s)%n", images,
                seconds, images / seconds, spark.sparkContext().defaultParallelism());
    }

    /** The images of {@code todo}, spread over the cluster and embedded (one result row each). */
    private Dataset<Row> embed(JobSpec spec, Dataset<Row> todo, int count) {
        int n = partitions > 0 ? partitions : 4 * spark.sparkContext().defaultParallelism();
        HadoopConf conf = new HadoopConf(spark.sparkContext().hadoopConfiguration());
        return todo.repartition(Math.max(1, Math.min(n, count)))
                .mapPartitions(new EmbedPartition(spec, conf), Encoders.row(EmbeddingRows.RESULT));
    }

    private static String runId() {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
