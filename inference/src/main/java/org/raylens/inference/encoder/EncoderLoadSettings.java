package org.raylens.inference.encoder;

import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.weights.WeightsIdentity;

/** How to load a model folder: the compute target, the folder options and how to identify (hash) the weights. */
public record EncoderLoadSettings(ComputeTarget target, LoadOptions options, WeightsIdentity identity) {
}
