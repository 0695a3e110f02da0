package org.raylens.app.cli;

import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.io.NpyReader;
import org.raylens.inference.io.NpyWriter;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.preprocess.BitImageProcessor;
import org.raylens.inference.preprocess.ModelInput;
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
 * and read through {@link EmbedInputReader}s: research .npy tensors, and DICOM/PNG/JPEG/TIFF through the
 * viewer's image opener ({@link ViewerImageInputReader}).
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
        readers.add(new NpyInputReader());
        readers.add(new ViewerImageInputReader(() -> inputRecipe.recipe()));
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
        try (Encoder model = loader != null ? loader.load() : modelOptions.load(err); EncoderSession predictor = model.newSession();
             InterruptHook interrupt = InterruptHook.install("raylens-embed-interrupt", () -> { },
                     Duration.ofSeconds(30))) {
            PreprocessorConfig pc = model.preprocessor().orElseGet(() -> {
                err.println("note: no preprocessor_config.json in the model folder; using RAD-DINO's settings");
                return PreprocessorConfig.radDino();
            });
            BitImageProcessor processor = new BitImageProcessor(pc);
            int dim = model.info().hiddenSize();
            String sha = model.provenance().sha256();
            Path parts = patchTokens == null ? null : patchTokens.resolveSibling(patchTokens.getFileName() + ".parts");
            try (EmbeddingCsv table = EmbeddingCsv.open(csvPath, dim, sha);
                 ConsoleProgressBar bar = ConsoleProgressBar.everywhere(err, "embedding", PLAIN_PROGRESS_SECONDS)) {
                if (table.cutBytes() > 0) {
                    bar.println("note: the last row of " + csvPath + " was cut short by an interruption ("
                            + table.cutBytes() + " bytes); it is computed again");
                }
                // files already in the table are counted now; the rest are read ahead, in order, by the prefetcher
                List<ImageSource> todo = new ArrayList<>();
                int seen = 0;
                for (ImageSource f : files) {
                    if (needsForward(table, table.keyOf(f), parts)) {
                        todo.add(f);
                    } else {
                        alreadyDone++;
                        seen++;
                    }
                }
                bar.report(seen, files.size(), "");
                BatchRunner runner = new BatchRunner(predictor, interp, table, model, parts, failures, bar);
                try (EmbedPrefetch prefetch = new EmbedPrefetch(todo, f -> prepare(f, processor, pc),
                        batch + 1)) {
                    List<EmbedPrefetch.Prepared> pending = new ArrayList<>();
                    while (prefetch.hasNext() && !interrupt.requested()) {
                        EmbedPrefetch.Prepared p = prefetch.next();
                        if (p.failure() != null) {
                            runner.run(pending); // the files before it first, so failures keep file order
                            runner.fail(p.source(), p.failure());
                        } else {
                            // a batch holds inputs of one size only (a folder of mixed sizes runs in runs of equal ones)
                            if (!pending.isEmpty() && !java.util.Arrays.equals(pending.get(0).tensor().shape(),
                                    p.tensor().shape())) {
                                runner.run(pending);
                            }
                            pending.add(p);
                            if (pending.size() >= batch) {
                                runner.run(pending);
                            }
                        }
                        seen++;
                        bar.report(seen - pending.size(), files.size(), p.source().displayName());
                    }
                    if (!interrupt.requested()) {
                        runner.run(pending);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while reading the images", e);
                }
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

    /** Reads and preprocesses one image (on the prefetch thread: readers and the processor keep no per-call state). */
    private EmbedPrefetch.Prepared prepare(ImageSource f, BitImageProcessor processor, PreprocessorConfig pc)
            throws IOException {
        EmbedInputReader reader = readers.stream().filter(r -> r.accepts(f)).findFirst()
                .orElseThrow(() -> new IOException("no reader for this file type"));
        EmbedInput in = reader.read(f);
        if (in instanceof EmbedInput.Grey g) {
            ModelInput mi = processor.process(g.image(), f.displayName());
            return new EmbedPrefetch.Prepared(f, mi.tensor(), in.provenance(), pc.toString(), null);
        }
        return new EmbedPrefetch.Prepared(f, ((EmbedInput.Normalised) in).tensor(), in.provenance(),
                "none (input already normalised)", null);
    }

    /**
     * Runs the encoder over prepared inputs of one size, {@code batch} at a time, and writes their rows in order. A
     * batch whose forward fails is run again one image at a time, so the failure is pinned on its file and the
     * others are embedded.
     */
    private final class BatchRunner {
        private final EncoderSession predictor;
        private final PositionEmbeddingInterpolation interp;
        private final EmbeddingCsv table;
        private final Encoder model;
        private final Path parts;
        private final BatchFailures failures;
        private final ConsoleProgressBar bar;
        int added;
        int alreadyDone;

        BatchRunner(EncoderSession predictor, PositionEmbeddingInterpolation interp, EmbeddingCsv table, Encoder model,
                    Path parts, BatchFailures failures, ConsoleProgressBar bar) {
            this.predictor = predictor;
            this.interp = interp;
            this.table = table;
            this.model = model;
            this.parts = parts;
            this.failures = failures;
            this.bar = bar;
        }

        void fail(ImageSource f, Throwable e) {
            BatchFailures.Failure failure = failures.add(SourceNames.of(f), e);
            bar.println("failed " + f + ": " + failure.error() + ": " + failure.message());
        }

        /** Embeds {@code pending} (and empties it). */
        void run(List<EmbedPrefetch.Prepared> pending) throws IOException {
            List<EmbedPrefetch.Prepared> todo = new ArrayList<>();
            for (EmbedPrefetch.Prepared p : pending) {
                // the same file named twice: its row was written a moment ago
                if (needsForward(table, table.keyOf(p.source()), parts)) {
                    todo.add(p);
                } else {
                    alreadyDone++;
                }
            }
            pending.clear();
            if (todo.size() > 1) {
                EncoderOutput o;
                try {
                    o = predictor.forward(stack(todo), ForwardOptions.defaults().withInterpolation(interp));
                } catch (RuntimeException | OutOfMemoryError e) {
                    for (EmbedPrefetch.Prepared p : todo) {
                        run(new ArrayList<>(List.of(p)));
                    }
                    return;
                }
                for (int i = 0; i < todo.size(); i++) {
                    write(todo.get(i), o, i);
                }
            } else if (todo.size() == 1) {
                EmbedPrefetch.Prepared p = todo.get(0);
                try {
                    write(p, predictor.forward(p.tensor(), ForwardOptions.defaults().withInterpolation(interp)), 0);
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    // one bad file never stops the batch: it is listed at the end and retried by the next run
                    fail(p.source(), e);
                }
            }
        }

        private void write(EmbedPrefetch.Prepared p, EncoderOutput o, int image) throws IOException {
            String key = table.keyOf(p.source());
            Integer row = table.rowOf(key);
            if (row == null) {
                row = table.append(List.of(key, model.provenance().sha256(), model.provenance().weightsFile(),
                        model.provenance().naming(), p.inputProvenance(), p.preprocessing(), interp.name(),
                        Integer.toString(o.layout().rows()), Integer.toString(o.layout().cols()),
                        Integer.toString(o.layout().dim())), o.pooled(image)); // the family's own feature
                added++;
            } else {
                alreadyDone++; // only the missing patch tokens of an existing row
            }
            if (parts != null) {
                Files.createDirectories(parts);
                NpyWriter.write(parts.resolve(row + ".npy"), o.patchGrid(image));
            }
        }
    }

    /** (B, C, H, W) of B prepared (1, C, H, W) inputs of one size. */
    private static FloatTensor stack(List<EmbedPrefetch.Prepared> inputs) {
        long[] one = inputs.get(0).tensor().shape();
        int size = inputs.get(0).tensor().data().length;
        float[] data = new float[size * inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            System.arraycopy(inputs.get(i).tensor().data(), 0, data, i * size, size);
        }
        long[] shape = one.clone();
        shape[0] = inputs.size();
        return new FloatTensor(data, shape);
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
