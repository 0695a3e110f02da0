package org.raylens.inference.family.dinov2;

import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderCapabilities;
import org.raylens.inference.encoder.EncoderInfo;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.ModelProvenance;
import org.raylens.inference.model.PreprocessorConfig;

import java.util.List;
import java.util.Optional;

/**
 * A DINOv2/RAD-DINO encoder behind the family-neutral {@link Encoder} seam: the {@link Dinov2Encoder} that holds the
 * weights, where they came from and the folder's preprocessing settings.
 */
public final class Dinov2Model implements Encoder {
    private final Dinov2Encoder encoder;
    private final ModelProvenance provenance;
    private final Optional<PreprocessorConfig> preprocessor;

    Dinov2Model(Dinov2Encoder encoder, ModelProvenance provenance, Optional<PreprocessorConfig> preprocessor) {
        this.encoder = encoder;
        this.provenance = provenance;
        this.preprocessor = preprocessor;
    }

    /**
     * An encoder built in memory (any parameter source, e.g. a test's hand-made weights) behind the seam, with the
     * identity it knows: its weights SHA-256, or that its weights are synthetic. Closing the result closes it.
     */
    public static Dinov2Model of(Dinov2Encoder encoder) {
        String sha = encoder.weightsSha256();
        Dinov2Config c = encoder.config();
        ModelProvenance p = new ModelProvenance(sha == null ? "in memory" : "in memory (" + sha + ")",
                sha == null ? "none (synthetic weights)" : sha, "in memory", describe(c), encoder.target().message(),
                List.of(), sha == null, encoder.target().precision());
        return new Dinov2Model(encoder, p, Optional.empty());
    }

    /** The one-line architecture every DINOv2 provenance and adapter identity names. */
    public static String describe(Dinov2Config c) {
        return "ViT D=" + c.hiddenSize() + " L=" + c.numLayers() + " H=" + c.numHeads() + " patch=" + c.patchSize()
                + " image=" + c.imageSize() + " ffn=" + c.feedForward() + "(" + c.mlpHiddenSize() + ") registers="
                + c.numRegisterTokens() + " eps=" + c.layerNormEps() + " layerscale=" + c.layerScale();
    }

    /** The DINOv2 encoder itself (for this family's tests and tools). */
    public Dinov2Encoder encoder() {
        return encoder;
    }

    @Override
    public EncoderInfo info() {
        return info(encoder.config());
    }

    /** What the seam says about an encoder of this geometry. */
    public static EncoderInfo info(Dinov2Config c) {
        return new EncoderInfo(Dinov2Family.NAME, describe(c), c.hiddenSize(), c.patchSize(), c.numLayers(),
                c.numHeads(), c.numRegisterTokens(), c.numChannels(), c.imageSize(), c.mlpHiddenSize(),
                c.feedForward() == FeedForwardKind.SWIGLU);
    }

    @Override
    public EncoderCapabilities capabilities() {
        return new EncoderCapabilities(true, Dinov2GradientLayer.all(), true);
    }

    @Override
    public ModelProvenance provenance() {
        return provenance;
    }

    @Override
    public Optional<PreprocessorConfig> preprocessor() {
        return preprocessor;
    }

    @Override
    public ComputeTarget target() {
        return encoder.target();
    }

    @Override
    public EncoderSession newSession() {
        return new Dinov2Session(encoder.newPredictor());
    }

    @Override
    public int liveArrayCount() {
        return encoder.liveArrayCount();
    }

    @Override
    public void close() {
        encoder.close();
    }
}
