package org.raylens.app.cli;

import org.raylens.app.embed.EmbedInputReader;
import org.raylens.app.embed.EmbeddingPipeline;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.io.NpyWriter;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.viewer.source.ImageSource;
import org.raylens.viewer.source.SourceNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code raylens embed}: one embedding per image — the family's pooled feature (DINOv2: CLS after the final LayerNorm;
 * EVA-X: fc_norm of the mean patch token) — with provenance columns, resumable.
 * Images are named by path or by source URI ({@link ImageArgument}), resolved through the viewer's source registry,
 * and embedded by the shared {@link EmbeddingPipeline} (the Spark job runs it too) through {@link EmbedInputReader}s:
 * research .npy tensors, and DICOM/PNG/JPEG/TIFF through the viewer's image opener
 * ({@link org.raylens.app.embed.ViewerImageInputReader}).
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed images (DICOM, PNG, JPEG, TIFF or normalised .npy) with provenance, resumably.",
        footer = {"", "A file that cannot be embedded is listed at the end and in OUT.failures.csv; the others are"
            + " embedded. Rerunning the same command resumes: finished rows are kept and skipped, failed files are"
            + " tried again. Only one run at a time may write an output (it holds OUT.lock).",
            "", "Exit status: 0 all embedded; 3 finished, but some files failed (listed); 2 unreadable input or the"
            + " output is in use by another run; 64 usage error; 130 interrupted (rerun to resume)."})
public final class EmbedCommand implements Callable<Integer> {
    /** Progress-line interval when standard error is not a terminal (a log, a batch system). */
    private static final double PLAIN_PROGRESS_SECONDS = 5;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Mixin
    InputRecipeOption inputRecipe = new InputRecipeOption();

    @Parameters(arity = "1..*", paramLabel = "IMAGE_OR_FOLDER", converter = ImageArgument.Converter.class,
            description = "images (paths, or file: URIs with #frame=N for one frame of a multi-frame file), or"
                    + " folders searched recursively")
    List<ImageArgument> inputs;

    @Option(names = "--out", defaultValue = "embeddings.csv",
            description = "embeddings.csv (one row per image) or .npy (N x D; the rows and provenance go to OUT.csv)")
    Path out;

    @Option(names = "--patch-tokens", description = "also write the patch tokens as an N x rows x cols x D .npy")
    Path patchTokens;

    @Option(names = "--interpolation", defaultValue = "hf", converter = InterpolationConverter.class,
            description = "position-embedding interpolation for non-native sizes: " + InterpolationConverter.NAMES)
    PositionEmbeddingInterpolation interpolation;

    @Option(names = "--batch", defaultValue = "1",
            description = "images per forward (default 1). Larger batches run equal-size inputs together; on a CPU"
                    + " they were no faster per image at 518 px (docs/encoder-performance.md), and their rows may"
                    + " differ from single-image rows in the last bits")
    int batch;

    private final List<EmbedInputReader> readers = new ArrayList<>();
    /** Makes the encoder instead of --model (the embed benchmark's in-memory synthetic encoder), or null. */
    private final EncoderLoader loader;

    /** Where the encoder comes from when it is not a --model folder. */
    @FunctionalInterface
    interface EncoderLoader {
        Encoder load() throws IOException;
    }

    public EmbedCommand() {
        this(List.of());
    }

    /** @param extraReaders readers tried before the built-in ones (the DICOM reader goes here) */
    public EmbedCommand(List<EmbedInputReader> extraReaders) {
        this(extraReaders, null);
    }

    /** @param loader makes the encoder (then --model is not needed), or null to load --model */
    EmbedCommand(List<EmbedInputReader> extraReaders, EncoderLoader loader) {
        this.loader = loader;
        readers.addAll(extraReaders);
        readers.addAll(EmbeddingPipeline.defaultReaders(() -> inputRecipe.recipe()));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        // one writer per output; refused before the model is loaded, so the refusal is instant
        OutputLock lock;
        try {
            lock = OutputLock.acquire(out);
        } catch (OutputLock.OutputInUseException e) {
            err.println("error: " + e.getMessage());
            return CliExitCodes.UNREADABLE;
        } catch (IOException e) {
            err.println("error: cannot lock " + out + ": " + e.getMessage());
            return CliExitCodes.FAILURE;
        }
        try (lock) {
            return LoadErrors.reported(spec, this::run);
        } catch (IOException e) {
            err.println("error: cannot release the lock on " + out + ": " + e.getMessage());
            return CliExitCodes.FAILURE;
        }
    }

    private Integer run() throws java.io.IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (loader == null && modelOptions.model == null) {
            err.println("error: --model is required");
            return 2;
        }
        if (batch < 1 || batch > 256) {
            err.println("error: --batch must be between 1 and 256, got " + batch);
            return CliExitCodes.USAGE;
        }
        PositionEmbeddingInterpolation interp = interpolation;
        BatchFailures failures = new BatchFailures();
        List<ImageSource> files = new ImageInputs().collect(inputs,
                source -> readers.stream().anyMatch(r -> r.accepts(source)), failures);
        if (files.isEmpty()) {
            failures.printTo(err);
            err.println("error: no images found");
            return 2;
        }
        boolean npyOut = out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy");
        Path csvPath = npyOut ? out.resolveSibling(out.getFileName() + ".csv") : out;
        int added = 0;
        int alreadyDone = 0;
        try (Encoder model = loader != null ? loader.load() : modelOptions.load(err);
             InterruptHook interrupt = InterruptHook.install("raylens-embed-interrupt", () -> { },
                     Duration.ofSeconds(30))) {
            PreprocessorConfig pc = model.preprocessor().orElseGet(() -> {
                err.println("note: no preprocessor_config.json in the model folder; using RAD-DINO's settings");
                return PreprocessorConfig.radDino();
            });
            int dim = model.info().hiddenSize();
            String sha = model.provenance().sha256();
            Path parts = patchTokens == null ? null : patchTokens.resolveSibling(patchTokens.getFileName() + ".parts");
            try (EmbeddingCsv table = EmbeddingCsv.open(csvPath, dim, sha);
                 ConsoleProgressBar bar = ConsoleProgressBar.everywhere(err, "embedding", PLAIN_PROGRESS_SECONDS)) {
                if (table.cutBytes() > 0) {
                    bar.println("note: the last row of " + csvPath + " was cut short by an interruption ("
                            + table.cutBytes() + " bytes); it is computed again");
                }
                // files already in the table are counted now; the rest are read ahead, in order, by the pipeline
                List<ImageSource> todo = new ArrayList<>();
                int alreadyInTable = 0;
                for (ImageSource f : files) {
                    if (needsForward(table, table.keyOf(f), parts)) {
                        todo.add(f);
                    } else {
                        alreadyInTable++;
                    }
                }
                bar.report(alreadyInTable, files.size(), "");
                TableSink runner = new TableSink(table, model, interp, parts, failures, bar, alreadyInTable,
                        files.size());
                pipeline(model, pc, interp).run(todo, runner, interrupt::requested);
                alreadyDone += alreadyInTable;
                added = runner.added;
                alreadyDone += runner.alreadyDone;
            }
            if (interrupt.requested()) {
                err.printf("interrupted after %d new image(s); the rows written are complete; rerun the same command"
                        + " to resume%n", added);
                err.flush();
                return CliExitCodes.INTERRUPTED;
            }
            if (npyOut) {
                List<float[]> rows = EmbeddingCsv.readEmbeddings(csvPath, dim);
                NpyWriter.writeRows(out, new long[]{rows.size(), dim}, rows);
            }
            if (parts != null) {
                assemblePatchTokens(csvPath, parts, dim);
            }
            stdout.printf("embedded %d new image(s), %d already done, %d failed: %s%s%n", added, alreadyDone,
                    failures.size(), out, npyOut ? " (rows and provenance in " + csvPath + ")" : "");
            stdout.flush();
        }
        failures.report(err, out);
        return failures.exitCode();
    }

    /** True when {@code key} has no row yet, or its patch tokens are asked for and missing. */
    private static boolean needsForward(EmbeddingCsv table, String key, Path parts) {
        Integer row = table.rowOf(key);
        return row == null || parts != null && !Files.isRegularFile(parts.resolve(row + ".npy"));
    }

    /** The shared embedding core, with this command's readers (extra ones first) and options. */
    private EmbeddingPipeline pipeline(Encoder model, PreprocessorConfig pc, PositionEmbeddingInterpolation interp) {
        return EmbeddingPipeline.builder().setEncoder(model).setReaders(readers).optPreprocessor(pc)
                .optInterpolation(interp).optBatch(batch).build();
    }

    /**
     * Writes the pipeline's results as table rows (and patch-token parts), lists its failures and moves the progress
     * bar. An image whose row was written a moment ago (the same file named twice) is skipped before its forward.
     */
    private static final class TableSink implements EmbeddingPipeline.Sink {
        private final EmbeddingCsv table;
        private final Encoder model;
        private final PositionEmbeddingInterpolation interp;
        private final Path parts;
        private final BatchFailures failures;
        private final ConsoleProgressBar bar;
        private final int alreadyInTable;
        private final int total;
        int added;
        int alreadyDone;

        TableSink(EmbeddingCsv table, Encoder model, PositionEmbeddingInterpolation interp, Path parts,
                  BatchFailures failures, ConsoleProgressBar bar, int alreadyInTable, int total) {
            this.table = table;
            this.model = model;
            this.interp = interp;
            this.parts = parts;
            this.failures = failures;
            this.bar = bar;
            this.alreadyInTable = alreadyInTable;
            this.total = total;
        }

        @Override
        public boolean wants(ImageSource source) {
            return needsForward(table, table.keyOf(source), parts);
        }

        @Override
        public void skipped(ImageSource source) {
            alreadyDone++;
        }

        @Override
        public void failed(ImageSource f, Throwable e) {
            BatchFailures.Failure failure = failures.add(SourceNames.of(f), e);
            bar.println("failed " + f + ": " + failure.error() + ": " + failure.message());
        }

        @Override
        public void progress(int finished, ImageSource latest) {
            bar.report(alreadyInTable + finished, total, latest.displayName());
        }

        @Override
        public void embedded(EmbeddingPipeline.Embedded e) throws IOException {
            EncoderOutput o = e.output();
            String key = table.keyOf(e.source());
            Integer row = table.rowOf(key);
            if (row == null) {
                row = table.append(List.of(key, model.provenance().sha256(), model.provenance().weightsFile(),
                        model.provenance().naming(), e.inputProvenance(), e.preprocessing(), interp.name(),
                        Integer.toString(o.layout().rows()), Integer.toString(o.layout().cols()),
                        Integer.toString(o.layout().dim())), e.vector()); // the family's own feature
                added++;
            } else {
                alreadyDone++; // only the missing patch tokens of an existing row
            }
            if (parts != null) {
                Files.createDirectories(parts);
                NpyWriter.write(parts.resolve(row + ".npy"), e.patchGrid());
            }
        }
    }

    /** Concatenates the per-image patch grids in table order into one (N, P, D) .npy, then removes the parts. */
    private void assemblePatchTokens(Path csvPath, Path parts, int dim) throws IOException {
        int n = EmbeddingCsv.readEmbeddings(csvPath, dim).size();
        long[] grid = null;
        for (int i = 0; i < n; i++) {
            Path part = parts.resolve(i + ".npy");
            if (!Files.isRegularFile(part)) {
                throw new IOException("patch tokens of row " + i + " are missing; re-run to complete " + patchTokens);
            }
            long[] gi = NpyReader.read(part).shape();
            if (grid != null && !java.util.Arrays.equals(grid, gi)) {
                throw new IOException("images have different patch grids; --patch-tokens needs one grid size");
            }
            grid = gi;
        }
        Iterable<float[]> chunks = () -> new Iterator<>() {
            int i = 0;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public float[] next() {
                try {
                    return NpyReader.read(parts.resolve((i++) + ".npy")).data();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        long[] shape = grid == null ? new long[]{0, 0, 0, dim} : new long[]{n, grid[0], grid[1], dim};
        NpyWriter.writeRows(patchTokens, shape, chunks);
        try (Stream<Path> s = Files.list(parts)) {
            for (Path q : s.toList()) {
                Files.delete(q);
            }
        }
        Files.delete(parts);
    }
}
