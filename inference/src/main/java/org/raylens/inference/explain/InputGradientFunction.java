package org.raylens.inference.explain;

import org.raylens.core.progress.CancellationToken;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.head.TokenHead;

import java.util.Arrays;

/**
 * A scalar target score of each image in a batch and its gradient with respect to the input pixels: what Saliency,
 * SmoothGrad and Integrated Gradients are made of. From a family's gradient tail and a head ({@link #of}); the tests
 * give a plain-Java model whose gradients they know exactly.
 */
@FunctionalInterface
public interface InputGradientFunction {

    /**
     * @param images (B, C, H, W) normalised float32
     * @return the (B, C, H, W) gradients and the B target scores
     */
    Result apply(FloatTensor images, CancellationToken cancel);

    /** @param gradients (B·C·H·W) d score / d input; @param scores one target score per image */
    record Result(float[] gradients, double[] scores) {
    }

    /**
     * The score of output {@code index} of {@code head} (a class's logit; for a segmentation head the sum of that
     * channel's logits, as {@link OutputTarget#output}) through the family's whole forward.
     */
    static InputGradientFunction of(GradientTail tail, TokenHead head, int index) {
        OutputTarget target = OutputTarget.output(index, null);
        return (images, cancel) -> {
            GradientTail.InputGradients g = tail.inputGradients(images, (tokens, layout) -> {
                var logits = head.forward(tokens, layout);
                return new GradientTail.Scored(logits, target.score(logits));
            }, cancel);
            return new Result(g.gradients().data(), perImage(g.outputs(), images.dim(0), index));
        };
    }

    /** Each image's target score from the head's (B, K, ...) outputs: the sum of output {@code index}'s values. */
    static double[] perImage(FloatTensor outputs, int batch, int index) {
        float[] v = outputs.data();
        int perImage = v.length / batch;
        int k = outputs.dim(1);
        int m = perImage / k;
        double[] s = new double[batch];
        for (int b = 0; b < batch; b++) {
            int from = b * perImage + index * m;
            s[b] = sum(Arrays.copyOfRange(v, from, from + m));
        }
        return s;
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
