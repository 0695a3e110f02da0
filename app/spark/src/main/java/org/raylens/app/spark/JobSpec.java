package org.raylens.app.spark;

import org.raylens.app.analysis.InputRecipe;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.Precision;
import org.raylens.inference.model.LoadOptions;
import org.raylens.inference.weights.WeightsIdentity;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * What every executor needs to embed exactly as the driver planned, sent with each task: where the model folder is as
 * the executors see it, how to load it (the same options as {@code raylens embed}), the weights SHA-256 the driver
 * computed (each executor checks its copy against it) and the pipeline's options.
 *
 * @param model         the model folder as executors see it (a shared path, or the name an {@code --archives}
 *                      entry unpacks to in each executor's working directory)
 * @param expectedSha256 the driver's SHA-256 of the weights file; null before the driver has loaded the model
 */
public record JobSpec(String model, String weightsFile, Integer heads, String family, boolean gpu, String precision,
                      int threads, String recipe, String interpolation, int batch, String expectedSha256)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public JobSpec withExpectedSha256(String sha256) {
        return new JobSpec(model, weightsFile, heads, family, gpu, precision, threads, recipe, interpolation, batch,
                sha256);
    }

    public JobSpec withModel(String executorModel) {
        return new JobSpec(executorModel, weightsFile, heads, family, gpu, precision, threads, recipe, interpolation,
                batch, expectedSha256);
    }

    public InputRecipe inputRecipe() {
        return InputRecipe.parse(recipe);
    }

    public PositionEmbeddingInterpolation positionInterpolation() {
        return PositionEmbeddingInterpolation.valueOf(interpolation);
    }

    /**
     * Loads the encoder as {@code raylens embed --model} does, hashing the weights with {@code identity}. The caller
     * (the composition root of this JVM) has set libtorch's threads.
     */
    Encoder load(Path folder, WeightsIdentity identity) throws IOException {
        LoadOptions lo = LoadOptions.defaults();
        if (weightsFile != null) {
            lo = lo.withWeightsFile(weightsFile);
        }
        if (heads != null) {
            lo = lo.withHeads(heads);
        }
        ComputeTarget target = ComputeTarget.resolve(gpu, Precision.valueOf(precision));
        return Encoders.builder().folder(folder).family(family).loadOptions(lo).device(target).identity(identity)
                .build();
    }
}
