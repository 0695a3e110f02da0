package org.raylens.app.cli;

import org.raylens.app.embed.EmbedInput;
import org.raylens.app.embed.ViewerImageInputReader;

import org.raylens.core.io.AtomicFolder;

import org.raylens.app.report.RocPlot;
import org.raylens.inference.adapter.AdapterFolder;
import org.raylens.inference.adapter.AdapterInput;
import org.raylens.inference.adapter.AdapterTask;
import org.raylens.inference.adapter.AdapterType;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.adapter.PreprocessingRecipe;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.TorchEngine;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.preprocess.BitImageProcessor;
import org.raylens.inference.preprocess.MinMaxRecipe;
import org.raylens.inference.training.AdapterTrainer;
import org.raylens.core.progress.CancellationToken;
import org.raylens.inference.training.DatasetSources;
import org.raylens.inference.training.EpochResult;
import org.raylens.inference.training.FeatureCache;
import org.raylens.inference.training.FeatureExtractor;
import org.raylens.inference.training.ImageDecoder;
import org.raylens.inference.training.LabelledImages;
import org.raylens.inference.training.TrainingListener;
import org.raylens.inference.training.TrainingReport;
import org.raylens.inference.training.TrainingReportFiles;
import org.raylens.inference.training.TrainingSetBuilder;
import org.raylens.inference.training.TrainingSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * {@code raylens train-adapter}: trains a task adapter on a frozen encoder's features. Images are opened through the
 * viewer ({@link ViewerImageInputReader}: DICOM/PNG/JPEG/TIFF, min–max 8-bit recipe) and preprocessed exactly as
 * {@code embed} does; features are cached on disk so a re-run trains in seconds. Writes adapter.json,
 * weights.safetensors, report.json, report.md and one ROC plot per label into {@code --out}. Ctrl-C stops after the
 * current image or step, keeping the cache and the last epoch's checkpoint; {@code --resume} continues from it.
 */
@Command(name = "train-adapter", mixinStandardHelpOptions = true,
        description = "Train a task adapter (linear probe, attention-pool MLP, segmentation head) on frozen encoder features.",
        footer = {"", "An image that cannot be read is left out, named at the end and in OUT.failures.csv beside the"
            + " adapter folder; training goes on with the others.",
            "", "Exit status: 0 trained on every image; 3 trained, but some images failed (listed); 2 unreadable"
            + " input; 64 usage error; 130 interrupted (continue with --resume)."})
public final class TrainAdapterCommand implements Callable<Integer> {
    /** What an adapter folder written by train-adapter holds (besides its ROC plots). */
    private static final java.util.Set<String> OWN_FILES = java.util.Set.of(AdapterFolder.SPEC_FILE,
            AdapterFolder.WEIGHTS_FILE, TrainingReportFiles.JSON, TrainingReportFiles.MARKDOWN, "checkpoint");

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--out", required = true, description = "adapter folder to write")
    Path out;

    @Option(names = "--csv", description = "label CSV (paths relative to its folder)")
    Path csv;

    @Option(names = "--path-column", defaultValue = "path", description = "CSV column with image paths (default: path)")
    String pathColumn;

    @Option(names = "--labels", split = ",", description = "binary label columns A,B,C (multi-label); with "
            + "--label-column: the classes to keep, in order")
    List<String> labels;

    @Option(names = "--label-column", description = "one categorical column whose values are the classes (multi-class)")
    String labelColumn;

    @Option(names = "--patient-column", description = "patient id column: validation never shares a patient with training")
    String patientColumn;

    @Option(names = "--split-column", description = "column with train/val (other values, e.g. test, are left out)")
    String splitColumn;

    @Option(names = "--folders", description = "root with one folder per class (multi-class)")
    Path folders;

    @Option(names = "--masks", arity = "2", paramLabel = "DIR", description = "image folder and mask folder (segmentation)")
    List<Path> masks;

    @Option(names = "--type", description = "linear, attention-pool-mlp, segmentation-linear or segmentation-conv "
            + "(default: linear; segmentation-conv with --masks)")
    String type;

    @Option(names = "--input", description = "cls, cls+mean-patch or patch-tokens (default by type)")
    String input;

    @Option(names = "--epochs", defaultValue = "100", description = "maximum epochs (default: 100)") int epochs;
    @Option(names = "--lr", defaultValue = "1e-3", description = "AdamW learning rate (default: 1e-3)") double lr;
    @Option(names = "--weight-decay", defaultValue = "1e-2", description = "AdamW decoupled weight decay (default: 1e-2)")
    double weightDecay;
    @Option(names = "--batch", defaultValue = "32", description = "images per step (default: 32)") int batch;
    @Option(names = "--patience", defaultValue = "10", description = "epochs without improvement before stopping")
    int patience;
    @Option(names = "--seed", defaultValue = "0", description = "seed of initialisation, shuffling and split") long seed;
    @Option(names = "--hidden", defaultValue = "256", description = "MLP / conv decoder hidden width") int hidden;
    @Option(names = "--pool-heads", defaultValue = "4", description = "attention-pooling heads") int poolHeads;
    @Option(names = "--val-fraction", defaultValue = "0.2", description = "share of images (by patient) for validation")
    double valFraction;

    @Option(names = "--resume", description = "continue from the checkpoint in --out")
    boolean resume;

    @Option(names = "--overwrite", description = "replace an adapter already in --out")
    boolean overwrite;

    @Option(names = "--cache", description = "feature cache folder (default: ~/.cache/raylens/features)")
    Path cache;

    @Option(names = "--name", description = "adapter name (default: the --out folder's name)")
    String name;

    @Option(names = "--progress", description = "draw the progress bar even when stderr is not a terminal")
    boolean forceProgress;

    private final ViewerImageInputReader reader = new ViewerImageInputReader(org.raylens.app.analysis.InputRecipe.MINMAX);

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        String problem = checkOptions();
        if (problem != null) {
            err.println("raylens train-adapter: " + problem);
            return CliExitCodes.USAGE;
        }
        AdapterType adapterType = resolveType();
        if (adapterType == null) {
            err.println("raylens train-adapter: --type must be linear, attention-pool-mlp, segmentation-linear or"
                    + " segmentation-conv" + (masks != null ? " (a segmentation type with --masks)" : ""));
            return CliExitCodes.USAGE;
        }
        TrainingSettings settings;
        try {
            settings = settings(adapterType);
        } catch (IllegalArgumentException e) {
            err.println("raylens train-adapter: " + e.getMessage());
            return CliExitCodes.USAGE;
        }
        boolean checkpoint = Files.isDirectory(out.resolve("checkpoint"));
        if (Files.isRegularFile(out.resolve(AdapterFolder.SPEC_FILE)) && !overwrite && !(resume && checkpoint)) {
            err.println("raylens train-adapter: " + out + " already holds an adapter"
                    + (resume ? " and no checkpoint to resume" : "") + "; use --overwrite to replace it");
            return CliExitCodes.USAGE;
        }
        LabelledImages images;
        try {
            images = dataset();
        } catch (IOException | IllegalArgumentException e) {
            err.println("raylens train-adapter: " + e.getMessage());
            return CliExitCodes.UNREADABLE;
        }
        CancellationToken.Source cancel = CancellationToken.newSource();
        BatchFailures failures = new BatchFailures();
        // Ctrl-C: let the training thread stop at its next check and leave cache and checkpoint consistent
        try (InterruptHook interrupt = InterruptHook.install("raylens-train-adapter-cancel", cancel::cancel,
                Duration.ofSeconds(30))) {
            int rc;
            try (Encoder model = modelOptions.load(err); EncoderSession predictor = model.newSession()) {
                rc = train(model, predictor, images, settings, cancel, failures, err, stdout);
            } catch (IOException e) {
                err.println();
                err.println("raylens train-adapter: " + e.getMessage());
                failures.printTo(err);
                return CliExitCodes.FAILURE;
            } catch (CancellationException e) {
                err.println();
                err.println(e.getMessage() + "; computed features are cached"
                        + (Files.isDirectory(out.resolve("checkpoint")) ? "; continue with --resume" : ""));
                return CliExitCodes.INTERRUPTED;
            }
            if (rc != CliExitCodes.OK) {
                return rc;
            }
            failures.report(err, out);
            return failures.exitCode();
        }
    }

    private int train(Encoder model, EncoderSession predictor, LabelledImages images, TrainingSettings settings,
                      CancellationToken.Source cancel, BatchFailures failures, PrintWriter err, PrintWriter stdout)
            throws IOException {
        EncoderIdentity encoder = EncoderIdentity.of(model);
        if (!encoder.hasDigest()) {
            err.println("raylens train-adapter: the adapter must record its encoder's weights SHA-256; drop --no-sha256");
            return CliExitCodes.USAGE;
        }
        PreprocessorConfig pc = model.preprocessor().orElseGet(() -> {
            err.println("note: no preprocessor_config.json in the model folder; using RAD-DINO's settings");
            return PreprocessorConfig.radDino();
        });
        BitImageProcessor processor = new BitImageProcessor(pc);
        PreprocessingRecipe recipe = new PreprocessingRecipe(pc, MinMaxRecipe.NAME);
        Path cacheDir = cache != null ? cache
                : Path.of(System.getProperty("user.home"), ".cache", "raylens", "features");
        FeatureExtractor extractor = new FeatureExtractor(predictor, model.target().precision(), processor, decoder(),
                new FeatureCache(cacheDir), encoder.weightsSha256(), recipe);
        boolean drawBar = forceProgress || System.console() != null;
        ConsoleProgressBar featureBar = new ConsoleProgressBar(err, "features", drawBar);
        Listener listener = new Listener(featureBar, failures);
        TrainingSetBuilder.Built built = TrainingSetBuilder.build(images, extractor,
                settings.type().needsPatchTokens(), valFraction, seed, model.info().patchSize(),
                listener, cancel);
        featureBar.close();
        String featureNote = "features: " + extractor.encoderForwards() + " computed, " + extractor.cacheHits()
                + " from cache (" + cacheDir + ")";
        stdout.println(featureNote);
        stdout.printf(Locale.ROOT, "%d training and %d validation images, labels %s%n",
                built.set().train().length, built.set().validation().length, images.labels());
        Files.createDirectories(out);
        AdapterTrainer trainer = new AdapterTrainer(built.set(), settings, new AdapterTrainer.Identity(
                name != null ? name : out.toAbsolutePath().normalize().getFileName().toString(), encoder, recipe,
                images.source(), images.sourceSha256()));
        listener.trainingBar = new ConsoleProgressBar(err, "training", drawBar);
        if (trainer.prefersOneThread()) {
            TorchEngine.configure(1); // the encoder's forwards are done: only the small head's steps follow
        }
        AdapterTrainer.Result result = trainer.train(out, resume, listener, cancel);
        listener.trainingBar.close();
        List<String> notes = new ArrayList<>(built.notes());
        notes.add(featureNote);
        TrainingReport r = result.report();
        writeOutputs(result, notes, err);
        if (r.task() == AdapterTask.SEGMENTATION) {
            stdout.printf(Locale.ROOT, "validation Dice %.4f, IoU %.4f (best epoch %d of %d)%n", r.dice(), r.iou(),
                    r.bestEpoch(), r.epochsRun());
        } else {
            stdout.printf(Locale.ROOT, "validation macro AUROC %s (best epoch %d of %d)%n",
                    Double.isFinite(r.macroAuroc()) ? String.format(Locale.ROOT, "%.4f", r.macroAuroc()) : "n/a",
                    r.bestEpoch(), r.epochsRun());
        }
        stdout.println("adapter written to " + out + " (adapter.json, weights.safetensors, report.md)");
        return CliExitCodes.OK;
    }

    /**
     * Puts the adapter, its report and its ROC plots in {@code out} as one set: they are written into a staging folder
     * and swapped in whole (the checkpoint goes with the old folder), so a kill never leaves new weights beside an old
     * adapter.json. A folder that also holds files RayLens did not write is never replaced wholesale; there each file
     * is still replaced atomically on its own.
     */
    private void writeOutputs(AdapterTrainer.Result result, List<String> notes, PrintWriter err) throws IOException {
        AtomicFolder.FolderWriter content = folder -> {
            AdapterFolder.write(folder, result.spec(), result.tensors());
            TrainingReportFiles.write(folder, result.spec(), result.report(), notes);
            TrainingReport r = result.report();
            for (int i = 0; i < r.classes().size(); i++) {
                TrainingReport.ClassResult c = r.classes().get(i);
                RocPlot.write(folder.resolve(TrainingReportFiles.rocPlotName(i, c.label())), c.label(), c.curve(),
                        c.auroc(), c.positives(), c.negatives());
            }
        };
        List<String> foreign = foreignEntries(out);
        if (foreign.isEmpty()) {
            AtomicFolder.write(out, true, content);
            return;
        }
        err.println("note: " + out + " also holds " + foreign + "; the adapter files are replaced one by one");
        AtomicFolder.writeFileByFile(out, content);
        AdapterTrainer.deleteCheckpoint(out);
    }

    /** The entries of an adapter folder that train-adapter does not write (a user's own files). */
    static List<String> foreignEntries(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> !OWN_FILES.contains(n) && !(n.startsWith("roc-") && n.endsWith(".png")))
                    .sorted().toList();
        }
    }

    /** The viewer's decode + the 8-bit recipe, as embed uses; an already-normalised .npy cannot be trained on. */
    private ImageDecoder decoder() {
        return file -> {
            EmbedInput in = reader.readFile(file);
            if (in instanceof EmbedInput.Grey g) {
                return g.image();
            }
            throw new IOException(file + ": not an image");
        };
    }

    private String checkOptions() {
        int sources = (csv != null ? 1 : 0) + (folders != null ? 1 : 0) + (masks != null ? 1 : 0);
        if (sources != 1) {
            return "give exactly one of --csv, --folders or --masks";
        }
        if (modelOptions.model == null) {
            return "--model is required";
        }
        if (csv != null && labelColumn == null && (labels == null || labels.isEmpty())) {
            return "--csv needs --labels A,B,C (binary columns) or --label-column COLUMN (classes)";
        }
        if (csv == null && (labelColumn != null || patientColumn != null || splitColumn != null)) {
            return "--label-column, --patient-column and --split-column apply to --csv";
        }
        if (!(valFraction > 0 && valFraction < 1)) {
            return "--val-fraction must be between 0 and 1";
        }
        return null;
    }

    private AdapterType resolveType() {
        if (type == null) {
            return masks != null ? AdapterType.SEGMENTATION_CONV : AdapterType.LINEAR;
        }
        AdapterType t = AdapterType.parse(type).orElse(null);
        return t != null && t.isSegmentation() == (masks != null) ? t : null;
    }

    private TrainingSettings settings(AdapterType adapterType) {
        TrainingSettings s = TrainingSettings.defaults(adapterType).withEpochs(epochs).withLearningRate(lr)
                .withWeightDecay(weightDecay).withBatchSize(batch).withPatience(patience).withSeed(seed)
                .withHead(hidden, poolHeads);
        if (input != null) {
            AdapterInput in = AdapterInput.parse(input).orElseThrow(() ->
                    new IllegalArgumentException("--input must be cls, cls+mean-patch or patch-tokens"));
            s = s.withInput(in);
        }
        return s;
    }

    private LabelledImages dataset() throws IOException {
        if (csv != null) {
            if (!Files.isRegularFile(csv)) {
                throw new IOException(csv + " not found");
            }
            return labelColumn != null
                    ? DatasetSources.csvCategory(csv, pathColumn, labelColumn, labels, patientColumn, splitColumn)
                    : DatasetSources.csvColumns(csv, pathColumn, labels, patientColumn, splitColumn);
        }
        if (folders != null) {
            if (!Files.isDirectory(folders)) {
                throw new IOException(folders + " is not a folder");
            }
            return DatasetSources.folders(folders, reader::acceptsFile);
        }
        for (Path p : masks) {
            if (!Files.isDirectory(p)) {
                throw new IOException(p + " is not a folder");
            }
        }
        return DatasetSources.maskPairs(masks.get(0), masks.get(1), reader::acceptsFile);
    }

    /** Progress bars for features and epochs; notes on their own lines; images left out go to the failures list. */
    private static final class Listener implements TrainingListener {
        private final ConsoleProgressBar featureBar;
        private final BatchFailures failures;
        ConsoleProgressBar trainingBar;

        Listener(ConsoleProgressBar featureBar, BatchFailures failures) {
            this.featureBar = featureBar;
            this.failures = failures;
        }

        @Override
        public void imageFailed(Path image, Exception error) {
            failures.add(image, error);
        }

        @Override
        public void report(long done, long total, String item) {
            featureBar.report(done, total, item);
        }

        @Override
        public void epochDone(EpochResult e) {
            if (trainingBar != null) {
                trainingBar.report(e.epoch(), e.epochs(), String.format(Locale.ROOT, "loss %.3f/%.3f %s %s",
                        e.trainLoss(), e.validationLoss(), e.metricName(), Double.isFinite(e.validationMetric())
                                ? String.format(Locale.ROOT, "%.3f", e.validationMetric()) : "n/a"));
            }
        }

        @Override
        public void message(String text) {
            (trainingBar != null ? trainingBar : featureBar).println(text);
        }
    }

    @Override
    public String toString() {
        return "train-adapter " + Arrays.asList(out, csv, folders, masks);
    }
}
