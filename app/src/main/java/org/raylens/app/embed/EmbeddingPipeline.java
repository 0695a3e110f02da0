package org.raylens.app.embed;

import org.raylens.app.analysis.InputRecipe;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.preprocess.BitImageProcessor;
import org.raylens.inference.preprocess.ModelInput;
import org.raylens.viewer.source.ImageSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The per-image embedding core, without a window and without a command line: reads each image source through the
 * first {@link EmbedInputReader} that accepts it (DICOM/PNG/JPEG/TIFF through the viewer's decode and the chosen
 * {@link InputRecipe}, or a normalised .npy), preprocesses it with the model's processor, runs the encoder and hands
 * each image's pooled feature — or the typed error that stopped it — to a {@link Sink}, in the order given.
 *
 * <p>Reading overlaps the forward ({@link EmbedPrefetch}: image i+1 is decoded while image i runs). Inputs of one
 * size run {@code batch} at a time; a batch whose forward fails is run again one image at a time, so a failure is
 * pinned on its file and the others are embedded. {@code raylens embed} and the Spark job both run this class, so a
 * row means the same in both.
 */
public final class EmbeddingPipeline {
    /** One embedded image: its pooled feature is {@code output.pooled(index)}. */
    public record Embedded(ImageSource source, ImageUids uids, String inputProvenance, String preprocessing,
                           EncoderOutput output, int index) {
        /** The family's own pooled feature (DINOv2: CLS after the final LayerNorm; EVA-X: fc_norm of mean patches). */
        public float[] vector() {
            return output.pooled(index);
        }

        /** (rows, cols, D) patch tokens of this image. */
        public FloatTensor patchGrid() {
            return output.patchGrid(index);
        }
    }

    /** Receives a run's outcomes, on the calling thread, in the order of the sources. */
    public interface Sink {
        /**
         * Asked just before an image's forward: false skips it (its result exists already, e.g. the same file named
         * twice in one run). Default: every image is wanted.
         */
        default boolean wants(ImageSource source) {
            return true;
        }

        /** An image {@link #wants} declined just before its forward. */
        default void skipped(ImageSource source) {
        }

        void embedded(Embedded result) throws IOException;

        /** An image that could not be read or embedded; the run goes on with the next one. */
        void failed(ImageSource source, Throwable error) throws IOException;

        /** After each image is read: how many images of this run are finished, and the one just read. */
        default void progress(int finished, ImageSource latest) {
        }
    }

    private final Encoder encoder;
    private final List<EmbedInputReader> readers;
    private final PreprocessorConfig preprocessor;
    private final BitImageProcessor processor;
    private final PositionEmbeddingInterpolation interpolation;
    private final int batch;

    private EmbeddingPipeline(Builder b) {
        this.encoder = Objects.requireNonNull(b.encoder, "setEncoder");
        this.readers = List.copyOf(b.readers);
        if (readers.isEmpty()) {
            throw new IllegalArgumentException("an embedding pipeline needs at least one reader");
        }
        this.preprocessor = b.preprocessor != null ? b.preprocessor
                : encoder.preprocessor().orElseGet(PreprocessorConfig::radDino);
        this.processor = new BitImageProcessor(preprocessor);
        this.interpolation = b.interpolation;
        if (b.batch < 1 || b.batch > 256) {
            throw new IllegalArgumentException("batch must be between 1 and 256, got " + b.batch);
        }
        this.batch = b.batch;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The built-in readers: research .npy tensors, then everything the viewer opens, made 8-bit by {@code recipe}
     * (read at each image, so a command may parse its option after building the list).
     */
    public static List<EmbedInputReader> defaultReaders(Supplier<InputRecipe> recipe) {
        return List.of(new NpyInputReader(), new ViewerImageInputReader(recipe));
    }

    /**
     * Embeds {@code sources} in order, handing each outcome to {@code sink}. Stops early (without running the images
     * still pending in a batch) when {@code stop} turns true; a failing image never stops the run.
     *
     * @throws IOException what the sink threw, or an interruption while waiting for the reader thread
     */
    public void run(List<ImageSource> sources, Sink sink, BooleanSupplier stop) throws IOException {
        try (EncoderSession session = encoder.newSession();
             EmbedPrefetch prefetch = new EmbedPrefetch(sources, this::prepare, batch + 1)) {
            BatchRunner runner = new BatchRunner(session, sink);
            List<EmbedPrefetch.Prepared> pending = new ArrayList<>();
            int taken = 0;
            while (prefetch.hasNext() && !stop.getAsBoolean()) {
                EmbedPrefetch.Prepared p = prefetch.next();
                if (p.failure() != null) {
                    runner.run(pending); // the files before it first, so failures keep file order
                    sink.failed(p.source(), p.failure());
                } else {
                    // a batch holds inputs of one size only (a folder of mixed sizes runs in runs of equal ones)
                    if (!pending.isEmpty() && !Arrays.equals(pending.get(0).tensor().shape(), p.tensor().shape())) {
                        runner.run(pending);
                    }
                    pending.add(p);
                    if (pending.size() >= batch) {
                        runner.run(pending);
                    }
                }
                taken++;
                sink.progress(taken - pending.size(), p.source());
            }
            if (!stop.getAsBoolean()) {
                runner.run(pending);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the images", e);
        }
    }

    /** Reads and preprocesses one image (on the prefetch thread: readers and the processor keep no per-call state). */
    private EmbedPrefetch.Prepared prepare(ImageSource f) throws IOException {
        EmbedInputReader reader = readers.stream().filter(r -> r.accepts(f)).findFirst()
                .orElseThrow(() -> new IOException("no reader for this file type"));
        EmbedInput in = reader.read(f);
        if (in instanceof EmbedInput.Grey g) {
            ModelInput mi = processor.process(g.image(), f.displayName());
            return new EmbedPrefetch.Prepared(f, mi.tensor(), in.provenance(), preprocessor.toString(), in.uids(),
                    null);
        }
        return new EmbedPrefetch.Prepared(f, ((EmbedInput.Normalised) in).tensor(), in.provenance(),
                "none (input already normalised)", in.uids(), null);
    }

    /**
     * Runs the encoder over prepared inputs of one size, all at once, and hands their results on in order. A batch
     * whose forward fails is run again one image at a time, so the failure is pinned on its file.
     */
    private final class BatchRunner {
        private final EncoderSession session;
        private final Sink sink;

        BatchRunner(EncoderSession session, Sink sink) {
            this.session = session;
            this.sink = sink;
        }

        /** Embeds {@code pending} (and empties it). */
        void run(List<EmbedPrefetch.Prepared> pending) throws IOException {
            List<EmbedPrefetch.Prepared> todo = new ArrayList<>();
            for (EmbedPrefetch.Prepared p : pending) {
                if (sink.wants(p.source())) {
                    todo.add(p);
                } else {
                    sink.skipped(p.source());
                }
            }
            pending.clear();
            ForwardOptions options = ForwardOptions.defaults().withInterpolation(interpolation);
            if (todo.size() > 1) {
                EncoderOutput o;
                try {
                    o = session.forward(stack(todo), options);
                } catch (RuntimeException | OutOfMemoryError e) {
                    for (EmbedPrefetch.Prepared p : todo) {
                        run(new ArrayList<>(List.of(p)));
                    }
                    return;
                }
                for (int i = 0; i < todo.size(); i++) {
                    sink.embedded(embedded(todo.get(i), o, i));
                }
            } else if (todo.size() == 1) {
                EmbedPrefetch.Prepared p = todo.get(0);
                try {
                    sink.embedded(embedded(p, session.forward(p.tensor(), options), 0));
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    // one bad file never stops the batch: the sink lists it and the next run tries it again
                    sink.failed(p.source(), e);
                }
            }
        }

        private Embedded embedded(EmbedPrefetch.Prepared p, EncoderOutput o, int index) {
            return new Embedded(p.source(), p.uids(), p.inputProvenance(), p.preprocessing(), o, index);
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

    /** Builds a pipeline: {@code setX} for what it needs, {@code optX} for what has a default. */
    public static final class Builder {
        private Encoder encoder;
        private final List<EmbedInputReader> readers = new ArrayList<>();
        private PreprocessorConfig preprocessor;
        private PositionEmbeddingInterpolation interpolation = PositionEmbeddingInterpolation.HF;
        private int batch = 1;

        private Builder() {
        }

        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Readers, tried in order (the first that accepts a source reads it). */
        public Builder setReaders(List<? extends EmbedInputReader> readers) {
            this.readers.clear();
            this.readers.addAll(readers);
            return this;
        }

        /** The model's processor settings (default: the model folder's, else RAD-DINO's). */
        public Builder optPreprocessor(PreprocessorConfig preprocessor) {
            this.preprocessor = preprocessor;
            return this;
        }

        /** Position-embedding interpolation for non-native input sizes (default HF's). */
        public Builder optInterpolation(PositionEmbeddingInterpolation interpolation) {
            this.interpolation = Objects.requireNonNull(interpolation);
            return this;
        }

        /** Images per forward (default 1). */
        public Builder optBatch(int batch) {
            this.batch = batch;
            return this;
        }

        public EmbeddingPipeline build() {
            return new EmbeddingPipeline(this);
        }
    }
}
