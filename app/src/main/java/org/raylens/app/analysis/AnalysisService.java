package org.raylens.app.analysis;

import java.io.IOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Dinov2Encoder;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderPredictor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.ForwardProgress;
import org.raylens.inference.encoder.LoadedEncoder;
import org.raylens.inference.explain.MapGeometry;
import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.preprocess.BitImageProcessor;
import org.raylens.inference.preprocess.GreyImage8;
import org.raylens.inference.preprocess.ModelInput;
import org.raylens.inference.weights.WeightsIdentity;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.image.VoiWindow;

/**
 * Runs the chosen encoder over an image: the blocking work behind the Analyse action, called on a background
 * thread. It keeps the loaded encoder between runs (loading RAD-DINO takes seconds) and closes it when another is
 * chosen. One analysis at a time: calls are serialised.
 *
 * <p>The model input is the image as displayed at its full modality range with the display polarity applied
 * (MONOCHROME1 bone-bright, as RAD-DINO was trained), then the model's own resize, crop and normalisation.
 */
public final class AnalysisService implements AutoCloseable {

    /** Above this many tokens only the last layer's attention is kept (a ViT-B at 518 px: 90 MB per layer). */
    static final int ALL_LAYERS_TOKEN_LIMIT = 600;

    private EncoderChoice loadedChoice;
    private ComputeTarget loadedTarget;
    private Dinov2Encoder encoder;
    private LoadedEncoder loaded;
    private PreprocessorConfig preprocessor;
    private String modelName;
    private String weightsSha;

    /**
     * Analyses {@code image}.
     *
     * @param progress receives (blocks done, total blocks)
     * @param cancelled polled between blocks; when true the run stops with a {@link CancellationException}
     */
    public synchronized AnalysisResult analyse(DisplayableImage image, EncoderChoice choice, ComputeTarget target,
            ForwardProgressListener progress, BooleanSupplier cancelled) throws IOException {
        if (image.isColor()) {
            throw new IOException("This is a colour image; the encoders take greyscale radiographs.");
        }
        ensureLoaded(choice, target);
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("analysis cancelled");
        }
        BitImageProcessor processor = new BitImageProcessor(preprocessor);
        ModelInput input = processor.process(displayedGrey(image), "image " + image.width() + "x" + image.height()
                + " as displayed at full range");
        int patch = encoder.config().patchSize();
        MapGeometry geometry = PreprocessGeometry.of(preprocessor, image.width(), image.height(), patch);
        int layers = encoder.config().numLayers();
        int tokens = 1 + encoder.config().numRegisterTokens() + geometry.rows() * geometry.cols();
        Set<Integer> keep = new HashSet<>();
        if (tokens <= ALL_LAYERS_TOKEN_LIMIT) {
            for (int i = 0; i < layers; i++) {
                keep.add(i);
            }
        } else {
            keep.add(layers - 1);
        }
        EncoderOutput out;
        try (EncoderPredictor predictor = encoder.newPredictor()) {
            out = predictor.forward(input.tensor(), ForwardOptions.defaults().withAttentions(keep),
                    new ForwardProgress() {
                        @Override
                        public void blockDone(int done, int total) {
                            progress.progress(done, total);
                        }

                        @Override
                        public boolean isCancelled() {
                            return cancelled.getAsBoolean();
                        }
                    });
        }
        boolean demo = choice instanceof EncoderChoice.Demo;
        String provenance = modelName + " sha256=" + weightsSha + "; " + input.provenance();
        AttentionMaps maps = new AttentionMaps(out.layout(), geometry, out.attentions(), provenance);
        Optional<Scores> scores = Optional.empty();
        if (demo) {
            LinearScores adapter = DemoEncoder.adapter();
            scores = Optional.of(Scores.of(adapter.name(), adapter.labels(), adapter.probabilities(out.pooler(0)),
                    adapter.threshold()));
        }
        return new AnalysisResult(maps, scores, modelName, weightsSha, preprocessor.toString(), demo);
    }

    /** Receives forward progress on the worker thread. */
    @FunctionalInterface
    public interface ForwardProgressListener {
        void progress(int blocksDone, int blocksTotal);
    }

    private void ensureLoaded(EncoderChoice choice, ComputeTarget target) throws IOException {
        if (encoder != null && choice.equals(loadedChoice) && target.equals(loadedTarget)) {
            return;
        }
        close();
        if (choice instanceof EncoderChoice.Imported imported) {
            loaded = LoadedEncoder.load(imported.folder(), LoadOptions.defaults(), target,
                    WeightsIdentity.userCache());
            encoder = loaded.encoder();
            preprocessor = loaded.preprocessor().orElse(PreprocessorConfig.radDino());
            modelName = imported.name();
            weightsSha = loaded.provenance().sha256();
        } else {
            encoder = DemoEncoder.build(target);
            preprocessor = DemoEncoder.preprocessor();
            modelName = DemoEncoder.NAME;
            weightsSha = "none (seeded random, seed " + DemoEncoder.SEED + ")";
        }
        loadedChoice = choice;
        loadedTarget = target;
    }

    /** The image rendered at 1:1 over its full modality range, display polarity applied, as 8-bit grey. */
    static GreyImage8 displayedGrey(DisplayableImage image) {
        int w = image.width();
        int h = image.height();
        double min = image.minModalityValue();
        double max = image.maxModalityValue();
        VoiWindow full = VoiWindow.linear((min + max) / 2, Math.max(max - min, 1e-6), "FULL");
        int[] argb = new int[w * h];
        image.render(full, false, ViewTransform.zoomPan(1, 0, 0), argb, w, h, 0xFF000000);
        byte[] grey = new byte[w * h];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = (byte) ((argb[i] >> 8) & 0xFF); // greyscale: R = G = B
        }
        return new GreyImage8(w, h, grey);
    }

    @Override
    public synchronized void close() {
        if (loaded != null) {
            loaded.close();
        } else if (encoder != null) {
            encoder.close();
        }
        loaded = null;
        encoder = null;
        loadedChoice = null;
    }
}
