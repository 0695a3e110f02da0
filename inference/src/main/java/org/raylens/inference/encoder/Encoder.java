package org.raylens.inference.encoder;

import org.raylens.inference.model.PreprocessorConfig;

import java.util.List;
import java.util.Optional;

/**
 * A loaded image encoder of any family (DINOv2/RAD-DINO today), with its weights resident and safe to share between
 * threads; each thread runs through its own {@link EncoderSession}, as DJL's Predictor. What callers need to know
 * about its shape is in {@link #info()}, what it can trace in {@link #capabilities()}. Obtained from
 * {@link Encoders#builder()}; closing it frees the weights (sessions first).
 */
public interface Encoder extends AutoCloseable {

    /** Family, architecture and the geometry callers size inputs and heads by. */
    EncoderInfo info();

    /** What a trace can hold: attentions, and which layers gradients can be taken at. */
    EncoderCapabilities capabilities();

    /** Where the weights came from, to travel with every result. */
    ModelProvenance provenance();

    /** The model folder's image processor settings, when it has them. */
    Optional<PreprocessorConfig> preprocessor();

    /** The compute device and precision the weights live on. */
    ComputeTarget target();

    /**
     * The family's pooled image feature as a differentiable computation on the final tokens (what a head on the
     * pooled feature reads); by default the CLS token, as DINOv2 pools.
     */
    default FeaturePooling pooling() {
        return FeaturePooling.CLS;
    }

    /** The classification head that came with the weights (a fine-tuned checkpoint), if any. */
    default Optional<BundledHead> bundledHead() {
        return Optional.empty();
    }

    /**
     * The named outputs the model's graph gives (logits with labels, embeddings, masks), whose values each forward
     * puts in {@link EncoderOutput#namedOutputs()}; empty for families whose only outputs are tokens.
     */
    default List<ModelOutput> outputs() {
        return List.of();
    }

    /** A per-thread handle for running forwards; close it when the thread is done. */
    EncoderSession newSession();

    /** Native arrays the encoder holds between forwards (weights only): for leak checks. */
    int liveArrayCount();

    @Override
    void close();
}
