package org.raylens.inference.explain.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.TorchEngine;
import org.raylens.inference.explain.InputGradientFunction;
import org.raylens.inference.head.TokenHead;

/**
 * The score a faithfulness metric watches while it perturbs an image: one number per image of a batch, from plain
 * forwards (no gradients). Any family can give it ({@link #of}); the tests give a plain-Java model.
 */
@FunctionalInterface
public interface ImageScorer {

    /** @param images (B, C, H, W) normalised float32; @return one score per image */
    double[] scores(FloatTensor images, CancellationToken cancel);

    /**
     * Output {@code index} of {@code head} (a class's logit; a segmentation channel's summed logits) on the encoder's
     * batched fast path.
     */
    static ImageScorer of(EncoderSession session, TokenHead head, int index) {
        return (images, cancel) -> {
            EncoderOutput out = session.forward(images, ForwardOptions.defaults(), Progress.NONE, cancel);
            FloatTensor tokens = out.lastHiddenState();
            try (NDManager m = TorchEngine.get().newBaseManager()) {
                NDArray t = m.create(tokens.data(), new Shape(tokens.shape()));
                NDArray logits = head.forward(t, out.layout());
                FloatTensor o = new FloatTensor(logits.toFloatArray(), logits.getShape().getShape());
                return InputGradientFunction.perImage(o, images.dim(0), index);
            }
        };
    }
}
