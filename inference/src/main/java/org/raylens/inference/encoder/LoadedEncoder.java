package org.raylens.inference.encoder;

import org.raylens.inference.model.Dinov2Checkpoint;
import org.raylens.inference.model.Dinov2Config;
import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.inference.weights.WeightsIdentity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An encoder loaded from a model folder together with its provenance and the folder's preprocessing settings: the
 * one call a UI or the command line needs. Closing it frees the weights.
 */
public record LoadedEncoder(Dinov2Encoder encoder, ModelProvenance provenance, Optional<PreprocessorConfig> preprocessor)
        implements AutoCloseable {

    public static LoadedEncoder load(Path folder, LoadOptions options, ComputeTarget target, WeightsIdentity identity)
            throws IOException {
        try (Dinov2Checkpoint cp = Dinov2Checkpoint.open(folder, options, identity)) {
            Dinov2Encoder enc = Dinov2Encoder.load(cp, target);
            ModelProvenance p = new ModelProvenance(cp.weightsFile().toString(), cp.sha256().orElse("not computed"),
                    cp.naming().name(), describe(cp.config()), target.message(), cp.notes(), cp.synthetic());
            return new LoadedEncoder(enc, p, cp.preprocessor());
        }
    }

    public static String describe(Dinov2Config c) {
        return "ViT D=" + c.hiddenSize() + " L=" + c.numLayers() + " H=" + c.numHeads() + " patch=" + c.patchSize()
                + " image=" + c.imageSize() + " ffn=" + c.feedForward() + "(" + c.mlpHiddenSize() + ") registers="
                + c.numRegisterTokens() + " eps=" + c.layerNormEps() + " layerscale=" + c.layerScale();
    }

    @Override
    public void close() {
        encoder.close();
    }
}
