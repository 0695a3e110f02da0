package org.raylens.app.embed;

import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.preprocess.GreyImage8;

/**
 * One image as a reader delivers it to {@code embed}: either an 8-bit greyscale image still to be preprocessed by the
 * model's processor, or a tensor that is already normalised (a research .npy). {@code provenance} says how the 8-bit
 * image was made (e.g. the DICOM recipe), and goes into the output row; {@code uids} names a DICOM image's study,
 * series and instance ({@link ImageUids#NONE} for other images).
 */
public sealed interface EmbedInput permits EmbedInput.Grey, EmbedInput.Normalised {
    String provenance();

    ImageUids uids();

    record Grey(GreyImage8 image, String provenance, ImageUids uids) implements EmbedInput {
        public Grey(GreyImage8 image, String provenance) {
            this(image, provenance, ImageUids.NONE);
        }
    }

    record Normalised(FloatTensor tensor, String provenance) implements EmbedInput {
        @Override
        public ImageUids uids() {
            return ImageUids.NONE;
        }
    }
}
