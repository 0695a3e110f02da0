package org.raylens.inference.preprocess;

import org.raylens.inference.encoder.FloatTensor;
import org.raylens.core.result.MapGeometry;

/**
 * A preprocessed image ready for the encoder: the (1, 3, H, W) normalised tensor, the 8-bit resized + cropped image
 * it came from (channel 0; for display and checking), a description of every step, which goes into provenance, and
 * the resize + crop that maps the input back onto the source image.
 */
public record ModelInput(FloatTensor tensor, GreyImage8 resized, String provenance, ResizeCrop resizeCrop) {

    /** An input used as the source itself (no resize, no crop). */
    public ModelInput(FloatTensor tensor, GreyImage8 resized, String provenance) {
        this(tensor, resized, provenance, ResizeCrop.identity(tensor.dim(tensor.rank() - 1), tensor.dim(tensor.rank() - 2)));
    }

    /** Where a {@code patchSize} model's patch grid lies on the source image. */
    public MapGeometry geometry(int patchSize) {
        return resizeCrop.toMapGeometry(patchSize);
    }
}
