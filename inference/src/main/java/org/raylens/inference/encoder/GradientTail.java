package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;
import org.raylens.core.progress.CancellationToken;

import java.util.List;

/**
 * The hooks gradients need, implemented by a family from what its traced forward kept: at a named layer (one of
 * {@link EncoderCapabilities#gradientLayers()}) the activation becomes a gradient leaf, the rest of the network and
 * a caller's score run with gradients recorded, and the backward pass gives the gradient there. Grad-CAM and its
 * relatives weigh channels from the result; they know nothing of the family's blocks.
 */
public interface GradientTail {

    /** The layers gradients can be taken at, the default first (as the encoder's capabilities list them). */
    List<EncoderCapabilities.GradientLayer> layers();

    /**
     * One result per score, in order; the part of the network before the layer is shared between them.
     *
     * @throws IllegalArgumentException when the family has no layer of that name
     */
    List<LayerGradients> gradients(String layer, List<Score> scores, CancellationToken cancel);

    /**
     * d score / d input for a batch of images: the whole forward runs with gradients recorded from the (B, C, H, W)
     * input tensor (a gradient leaf) through every block, the final tokens and {@code score}, then backward. The
     * images are independent (nothing mixes across the batch), so a score summed over the batch gives each image its
     * own gradient. The same session and position-embedding handling as the traced forward that made this tail.
     *
     * @param images (B, C, H, W) normalised float32, the traced image's size
     * @throws InputGradientsUnavailableException when the family does not differentiate down to the input
     */
    default InputGradients inputGradients(FloatTensor images, Score score, CancellationToken cancel) {
        throw new InputGradientsUnavailableException(null);
    }

    /**
     * @param gradients (B, C, H, W) d score / d images
     * @param outputs   (B, ...) the head's outputs for each image (what the score was taken from)
     */
    record InputGradients(FloatTensor gradients, FloatTensor outputs) {
    }

    /**
     * The rest of the network run without gradients from edited activations at {@code layer} (Ablation-CAM's hook:
     * pytorch-grad-cam swaps the target layer for one that returns the kept activations with a channel ablated). For
     * each of {@code variants} a copy of the layer's activation of every token, (N, D) row-major as {@link TokenLayout}
     * orders the tokens, is changed by {@code edit}; at most {@code batch} copies at a time run through the rest of
     * the network and {@code score}, so memory stays bounded by the batch.
     *
     * @return for each variant, the score's row (T values)
     * @throws UnsupportedOperationException when the family cannot run its tail from given activations
     */
    default float[][] scoresFromEdited(String layer, int variants, int batch, ActivationEdit edit, BatchScore score,
                                       CancellationToken cancel) {
        throw new UnsupportedOperationException("this encoder family cannot run its network from edited activations"
                + " (no Ablation-CAM)");
    }

    /** Changes one variant's copy of the layer's activations, (N, D) row-major, in place. */
    @FunctionalInterface
    interface ActivationEdit {
        void edit(int variant, float[] tokens, TokenLayout layout);
    }

    /** Scores of a batch's final tokens (B, N, D) without gradients: (B, T), one column per target. */
    @FunctionalInterface
    interface BatchScore {
        NDArray apply(NDArray finalTokens, TokenLayout layout);
    }

    /** A differentiable score of the final tokens: a head's outputs and the scalar to differentiate. */
    @FunctionalInterface
    interface Score {
        Scored apply(NDArray finalTokens, TokenLayout layout);
    }

    /** @param outputs (1, K) what the head gave; @param score the scalar whose gradient is taken */
    record Scored(NDArray outputs, NDArray score) {
    }

    /**
     * Patch-token activations and gradients at the layer, (rows·cols, D) row-major each, with the head's outputs for
     * image 0 and the score.
     */
    record LayerGradients(TokenLayout layout, float[] activations, float[] gradients, float[] outputs, float score) {
    }
}
