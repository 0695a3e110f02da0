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

    private final List<EmbedInputReader> readers = new ArrayList<>();

    public EmbedCommand() {
        this(List.of());
    }

    /** @param extraReaders readers tried before the built-in ones (the DICOM reader goes here) */
    public EmbedCommand(List<EmbedInputReader> extraReaders) {
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
        if (modelOptions.model == null) {
            err.println("error: --model is required");
            return 2;
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
        try (Encoder model = modelOptions.load(err); EncoderSession predictor = model.newSession();
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
                int seen = 0;
                for (ImageSource f : files) {
                    if (interrupt.requested()) {
                        break;
                    }
                    String key = table.keyOf(f);
                    bar.report(seen, files.size(), f.displayName());
                    boolean needPatches = parts != null && (table.rowOf(key) == null
                            || !Files.isRegularFile(parts.resolve(table.rowOf(key) + ".npy")));
                    if (table.contains(key) && !needPatches) {
                        alreadyDone++;
                    } else {
                        try {
                            if (embedOne(f, key, predictor, processor, interp, table, model, parts, pc)) {
                                added++;
                            } else {
                                alreadyDone++;
                            }
                        } catch (IOException | RuntimeException | OutOfMemoryError e) {
                            // one bad file (or one too big to decode) never stops the batch: it is listed at the
                            // end and retried by the next run; an OutOfMemoryError here is that file's own buffers
                            BatchFailures.Failure failure = failures.add(SourceNames.of(f), e);
                            bar.println("failed " + f + ": " + failure.error() + ": " + failure.message());
                        }
                    }
                    seen++;
                    bar.report(seen, files.size(), f.displayName());
                }
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

    /** @return true when a new row was appended (false: only the missing patch tokens of an existing row) */
    private boolean embedOne(ImageSource f, String key, EncoderSession predictor, BitImageProcessor processor,
                             PositionEmbeddingInterpolation interp, EmbeddingCsv table, Encoder model, Path parts,
                             PreprocessorConfig pc) throws IOException {
        EmbedInputReader reader = readers.stream().filter(r -> r.accepts(f)).findFirst()
                .orElseThrow(() -> new IOException("no reader for this file type"));
        EmbedInput in = reader.read(f);
        FloatTensor tensor;
        String preprocessing;
        if (in instanceof EmbedInput.Grey g) {
            ModelInput mi = processor.process(g.image(), f.displayName());
            tensor = mi.tensor();
            preprocessing = pc.toString();
        } else {
            tensor = ((EmbedInput.Normalised) in).tensor();
            preprocessing = "none (input already normalised)";
        }
        EncoderOutput o = predictor.forward(tensor, ForwardOptions.defaults().withInterpolation(interp));
        Integer row = table.rowOf(key);
        boolean added = row == null;
        if (added) {
            row = table.append(List.of(key, model.provenance().sha256(), model.provenance().weightsFile(),
                    model.provenance().naming(), in.provenance(), preprocessing, interp.name(),
                    Integer.toString(o.layout().rows()), Integer.toString(o.layout().cols()),
                    Integer.toString(o.layout().dim())), o.pooled(0)); // the family's own feature
        }
        if (parts != null) {
            Files.createDirectories(parts);
            NpyWriter.write(parts.resolve(row + ".npy"), o.patchGrid(0));
        }
        return added;
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
