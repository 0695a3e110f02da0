package org.raylens.inference.explain;

import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderCapabilities;
import org.raylens.inference.encoder.EncoderInfo;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.ModelProvenance;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;

/**
 * What explaining on one thread needs, whatever the encoder family: a session (one per thread), the encoder's shape
 * and capabilities, the model's identity for provenance (weights SHA-256 and architecture) and the position-embedding
 * interpolation used for non-native input sizes.
 */
public record ExplainContext(EncoderSession session, EncoderInfo info, EncoderCapabilities capabilities,
                             String modelIdentity, PositionEmbeddingInterpolation interpolation) {

    /** For a session of {@code encoder}, with the identity its provenance gives. */
    public static ExplainContext of(Encoder encoder, EncoderSession session,
                                    PositionEmbeddingInterpolation interpolation) {
        return new ExplainContext(session, encoder.info(), encoder.capabilities(), identity(encoder.provenance()),
                interpolation);
    }

    /** As {@link #of(Encoder, EncoderSession, PositionEmbeddingInterpolation)} with HF's interpolation. */
    public static ExplainContext of(Encoder encoder, EncoderSession session) {
        return of(encoder, session, PositionEmbeddingInterpolation.HF);
    }

    /** The model-identity line every map's provenance starts with; maps computed in bf16 (or fp16) say so. */
    public static String identity(ModelProvenance p) {
        return "model sha256=" + p.sha256() + " (" + p.architecture() + ", " + p.naming()
                + (p.precision() == org.raylens.inference.encoder.Precision.FP32 ? ""
                : ", computed in " + p.precision().label()) + ")";
    }

    public int patchSize() {
        return info.patchSize();
    }

    public int numLayers() {
        return info.layers();
    }

    public int numHeads() {
        return info.heads();
    }

    void checkLayer(int layer) {
        if (layer < 0 || layer >= numLayers()) {
            throw new IllegalArgumentException("layer " + layer + " does not exist (0.." + (numLayers() - 1) + ")");
        }
    }
}
