package org.raylens.inference.explain;

import org.raylens.inference.encoder.BlockRunner;
import org.raylens.inference.encoder.EncoderPredictor;
import org.raylens.inference.encoder.ModelProvenance;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;

/**
 * What every explanation method needs: a predictor (one per thread), the model's identity for provenance (weights
 * SHA-256 and architecture) and the position-embedding interpolation used for non-native input sizes.
 */
public record ExplainContext(EncoderPredictor predictor, String modelIdentity, PositionEmbeddingInterpolation interpolation) {

    /** With the identity of a model loaded from a folder. */
    public static ExplainContext of(EncoderPredictor predictor, ModelProvenance provenance,
                                    PositionEmbeddingInterpolation interpolation) {
        return new ExplainContext(predictor, "model sha256=" + provenance.sha256() + " (" + provenance.architecture()
                + ", " + provenance.naming() + ")", interpolation);
    }

    /** With the identity the encoder itself knows (its weights SHA-256, or that it has synthetic weights). */
    public static ExplainContext of(EncoderPredictor predictor) {
        String sha = predictor.encoder().weightsSha256();
        return new ExplainContext(predictor, "model sha256=" + (sha == null ? "none (synthetic weights)" : sha),
                PositionEmbeddingInterpolation.HF);
    }

    public int patchSize() {
        return predictor.encoder().config().patchSize();
    }

    public int numLayers() {
        return predictor.encoder().config().numLayers();
    }

    public int numHeads() {
        return predictor.encoder().config().numHeads();
    }

    BlockRunner runner(ExplainInput input) {
        if (input.geometry().patchSize() != patchSize()) {
            throw new IllegalArgumentException("input geometry is for " + input.geometry().patchSize()
                    + "-pixel patches, the model uses " + patchSize());
        }
        return predictor.blockRunner(input.tensor(), interpolation);
    }

    /** The one-line provenance of a map: model, preprocessing, method parameters. */
    String provenance(ExplainInput input, String methodParameters) {
        return modelIdentity + "; preprocessing: " + input.preprocessing() + "; position embedding: " + interpolation
                + "; " + methodParameters;
    }

    void checkLayer(int layer) {
        if (layer < 0 || layer >= numLayers()) {
            throw new IllegalArgumentException("layer " + layer + " does not exist (0.." + (numLayers() - 1) + ")");
        }
    }
}
