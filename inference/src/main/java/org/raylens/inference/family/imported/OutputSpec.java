package org.raylens.inference.family.imported;

import org.raylens.inference.encoder.ModelOutput;

/**
 * One manifest output with what only the loader needs: its position among the graph's outputs and, for tokens, the
 * grid they form.
 *
 * @param output       the family-neutral description callers see
 * @param index        position in the TorchScript tuple / the ONNX graph's outputs
 * @param prefixTokens patch tokens only: tokens before the grid (CLS, registers); 0 for other kinds
 * @param rows         patch tokens: grid rows; feature maps: the map's height
 * @param cols         patch tokens: grid columns; feature maps: the map's width
 * @param patchSize    input pixels per grid cell (patch tokens and feature maps), 0 otherwise
 */
public record OutputSpec(ModelOutput output, int index, int prefixTokens, int rows, int cols, int patchSize) {
    public String name() {
        return output.name();
    }

    public ModelOutput.Kind kind() {
        return output.kind();
    }
}
