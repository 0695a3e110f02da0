package org.raylens.inference.encoder;

/**
 * Gradients with respect to the input pixels were asked of an encoder whose family cannot give them (see
 * {@link EncoderCapabilities#inputGradients()}): Saliency, SmoothGrad and Integrated Gradients refuse with this.
 */
public final class InputGradientsUnavailableException extends UnsupportedOperationException {
    public InputGradientsUnavailableException(String family) {
        super((family == null ? "this" : "the " + family) + " encoder family gives no gradients with respect to the input; choose a method that"
                + " needs no input gradients (Grad-CAM, occlusion) or an encoder whose capabilities list them");
    }
}
