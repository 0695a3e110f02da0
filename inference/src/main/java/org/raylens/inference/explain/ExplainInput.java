package org.raylens.inference.explain;

import org.raylens.core.result.MapGeometry;

import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.preprocess.ModelInput;

import java.util.Arrays;

/**
 * One image to explain: the normalised (1, C, H, W) model input, where its patch grid lies on the source image, and
 * the preprocessing recipe that produced it (for provenance).
 */
public record ExplainInput(FloatTensor tensor, MapGeometry geometry, String preprocessing) {

    public ExplainInput {
        if (tensor.rank() != 4 || tensor.dim(0) != 1) {
            throw new IllegalArgumentException("explanations take one image (1, C, H, W), got "
                    + Arrays.toString(tensor.shape()));
        }
        if (geometry.inputWidth() != tensor.dim(3) || geometry.inputHeight() != tensor.dim(2)) {
            throw new IllegalArgumentException("geometry input " + geometry.inputWidth() + "x" + geometry.inputHeight()
                    + " does not match the tensor's " + tensor.dim(3) + "x" + tensor.dim(2));
        }
    }

    /** From the image processor's output, for a model with {@code patchSize}-pixel patches. */
    public static ExplainInput of(ModelInput input, int patchSize) {
        return new ExplainInput(input.tensor(), input.geometry(patchSize), input.provenance());
    }

    /** An already-normalised tensor taken as the source itself (identity geometry), e.g. a research .npy. */
    public static ExplainInput ofTensor(FloatTensor tensor, int patchSize, String description) {
        FloatTensor t = tensor.rank() == 3
                ? new FloatTensor(tensor.data(), new long[]{1, tensor.dim(0), tensor.dim(1), tensor.dim(2)}) : tensor;
        if (t.rank() != 4) {
            throw new IllegalArgumentException("expected a (1, C, H, W) tensor, got " + Arrays.toString(tensor.shape()));
        }
        return new ExplainInput(t, MapGeometry.identity(t.dim(3), t.dim(2), patchSize), description);
    }
}
