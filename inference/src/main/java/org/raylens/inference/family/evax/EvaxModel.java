package org.raylens.inference.family.evax;

import org.raylens.inference.encoder.BundledHead;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderCapabilities;
import org.raylens.inference.encoder.EncoderInfo;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FeaturePooling;
import org.raylens.inference.encoder.ModelProvenance;
import org.raylens.inference.model.PreprocessorConfig;

import java.util.Optional;

/**
 * An EVA-X encoder behind the family-neutral {@link Encoder} seam: the weights, where they came from, the
 * preprocessing (the folder's, else EVA-X's evaluation recipe) and, for a fine-tuned checkpoint, its classification
 * head on the pooled feature.
 */
public final class EvaxModel implements Encoder {
    private final EvaxEncoder encoder;
    private final ModelProvenance provenance;
    private final PreprocessorConfig preprocessor;
    private final BundledHead head;

    EvaxModel(EvaxEncoder encoder, ModelProvenance provenance, PreprocessorConfig preprocessor,
              BundledHead head) {
        this.encoder = encoder;
        this.provenance = provenance;
        this.preprocessor = preprocessor;
        this.head = head;
    }

    /** What the seam says about an EVA-X encoder of this geometry (no register tokens). */
    public static EncoderInfo info(EvaxConfig c) {
        return new EncoderInfo(EvaxFamily.NAME, c.describe(), c.hiddenSize(), c.patchSize(), c.layers(), c.heads(), 0,
                c.channels(), c.imageSize(), c.mlpHidden(), true);
    }

    public EvaxConfig config() {
        return encoder.config();
    }

    /** The encoder itself (this family's tests and tools). */
    EvaxEncoder encoder() {
        return encoder;
    }

    /** The fine-tuned checkpoint's head: logits = head.weight · pooled + head.bias. Empty for MIM checkpoints. */
    @Override
    public Optional<BundledHead> bundledHead() {
        return Optional.ofNullable(head);
    }

    /** fc_norm(mean of the patch tokens), computed in the graph from the final tokens. */
    @Override
    public FeaturePooling pooling() {
        return encoder.pooling();
    }

    @Override
    public EncoderInfo info() {
        return info(encoder.config());
    }

    @Override
    public EncoderCapabilities capabilities() {
        return new EncoderCapabilities(true, EvaxGradientTail.LAYERS);
    }

    @Override
    public ModelProvenance provenance() {
        return provenance;
    }

    @Override
    public Optional<PreprocessorConfig> preprocessor() {
        return Optional.of(preprocessor);
    }

    @Override
    public ComputeTarget target() {
        return encoder.target();
    }

    @Override
    public EncoderSession newSession() {
        return new EvaxSession(encoder);
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
