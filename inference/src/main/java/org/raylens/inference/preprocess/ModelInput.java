package org.raylens.inference.preprocess;

import org.raylens.inference.encoder.FloatTensor;

/**
 * A preprocessed image ready for the encoder: the (1, 3, H, W) normalised tensor, the 8-bit resized + cropped image
 * it came from (channel 0; for display and checking) and a description of every step, which goes into provenance.
 */
public record ModelInput(FloatTensor tensor, GreyImage8 resized, String provenance) {
}
