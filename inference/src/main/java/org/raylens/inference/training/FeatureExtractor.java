package org.raylens.inference.training;

import org.raylens.inference.adapter.PreprocessingRecipe;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Precision;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.preprocess.BitImageProcessor;
import org.raylens.inference.preprocess.ModelInput;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Frozen-encoder features of image files, cache first: the key is the file's SHA-256 + the encoder weights' SHA-256
 * + the preprocessing recipe, so a re-run reads the cache and runs no forward (counted by {@link #encoderForwards()}).
 * Images are decoded by the given {@link ImageDecoder} and preprocessed by the model's processor exactly as
 * {@code raylens embed} does.
 */
public final class FeatureExtractor {
    /** As {@code raylens embed} runs by default (HF position-embedding interpolation). */
    private static final ForwardOptions OPTIONS = ForwardOptions.defaults();
    private final EncoderSession session;
    private final Precision precision;
    private final BitImageProcessor processor;
    private final ImageDecoder decoder;
    private final FeatureCache cache;
    private final String weightsSha256;
    private final PreprocessingRecipe recipe;
    private int forwards;
    private int hits;

    /** @param precision the encoder's compute precision (part of the cache key) */
    public FeatureExtractor(EncoderSession session, Precision precision, BitImageProcessor processor,
                            ImageDecoder decoder, FeatureCache cache, String weightsSha256, PreprocessingRecipe recipe) {
        this.session = session;
        this.precision = precision;
        this.processor = processor;
        this.decoder = decoder;
        this.cache = cache;
        this.weightsSha256 = weightsSha256;
        this.recipe = recipe;
    }

    public ImageFeatures features(Path image, boolean needPatches) throws IOException {
        // the compute precision and position-embedding variant change the numbers too, so they are part of the key
        String key = FeatureCache.key(Sha256.ofFile(image), weightsSha256, recipe.key() + "|precision="
                + precision + "|interpolation=" + OPTIONS.interpolation());
        var cached = cache.get(key, needPatches);
        if (cached.isPresent()) {
            hits++;
            return cached.get();
        }
        ModelInput in = processor.process(decoder.read(image), image.getFileName().toString());
        EncoderOutput o = session.forward(in.tensor(), OPTIONS);
        forwards++;
        int d = o.layout().dim();
        int p = o.layout().rows() * o.layout().cols();
        float[] patches = o.patchTokens(0);
        float[] mean = new float[d];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += patches[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= p;
        }
        // patch tokens are big (a ViT-B at 518 px: 1369 × 768 × 2 bytes ≈ 2 MB per image): kept only when needed
        ImageFeatures f = ImageFeatures.of(o.pooler(0), mean, needPatches ? patches : null, o.layout().rows(),
                o.layout().cols());
        cache.put(key, f);
        return cache.get(key, needPatches).orElse(f);
    }

    /** Forwards run by this extractor (cache misses). */
    public int encoderForwards() {
        return forwards;
    }

    public int cacheHits() {
        return hits;
    }

    public BitImageProcessor processor() {
        return processor;
    }

    public ImageDecoder decoder() {
        return decoder;
    }
}
