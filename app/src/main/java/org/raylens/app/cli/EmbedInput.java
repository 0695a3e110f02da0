package org.raylens.app.cli;

import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.preprocess.GreyImage8;

/**
 * One image as a reader delivers it to {@code embed}: either an 8-bit greyscale image still to be preprocessed by the
 * model's processor, or a tensor that is already normalised (a research .npy). {@code provenance} says how the 8-bit
 * image was made (e.g. the DICOM recipe), and goes into the output row.
 */
public sealed interface EmbedInput permits EmbedInput.Grey, EmbedInput.Normalised {
    String provenance();

    record Grey(GreyImage8 image, String provenance) implements EmbedInput {
    }

    record Normalised(FloatTensor tensor, String provenance) implements EmbedInput {
    }
}
