package org.raylens.inference.family.imported;

/**
 * A gradient was asked of an imported graph whose engine cannot give one: ONNX Runtime runs inference only, so an
 * ONNX model has no Grad-CAM and no input gradients. Its capabilities say so ({@code gradientLayers} empty,
 * {@code inputGradients} false), and the window and the command line refuse such a method before anything runs; this
 * is what a caller that asks anyway gets, instead of a map made of zeros.
 */
public final class NoGradientsException extends UnsupportedOperationException {
    public NoGradientsException(ImportEngine engine) {
        super("the " + engine.key() + " family gives no gradients: " + engine.djlEngine() + " runs the graph for"
                + " inference only, so neither the CAMs nor Saliency, SmoothGrad or Integrated Gradients can run on"
                + " it; choose occlusion, RISE, PCA or patch similarity, or load the model's TorchScript export"
                + " (files.torchscript) for the gradient methods");
    }
}
