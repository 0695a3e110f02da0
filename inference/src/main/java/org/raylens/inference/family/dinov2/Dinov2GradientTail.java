package org.raylens.inference.family.dinov2;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.EncoderCapabilities.GradientLayer;
import org.raylens.inference.encoder.AttentionCopy;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.encoder.TorchEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * DINOv2's gradient hooks, started from the last block's input that a traced forward kept (so blocks 0..L−2 never
 * run again). At the target a copy of the activation becomes a gradient leaf and the forward continues from it with
 * gradients recorded — through the rest of the last block, the final LayerNorm and the caller's score — so the
 * backward covers one block: about one forward plus one block's backward per class. For {@code norm1} the leaf
 * replaces norm1's output in the attention branch while the residual uses the block input as a constant: exactly
 * the gradient a hook on norm1's output receives in PyTorch.
 *
 * <p>Holds only plain arrays; each call opens and closes its own native scope on the session's predictor, so it must
 * be used on that session's thread while the session is open.
 */
final class Dinov2GradientTail implements GradientTail {
    private final EncoderPredictor predictor;
    private final FloatTensor image;
    private final PositionEmbeddingInterpolation interpolation;
    private final FloatTensor lastBlockInput;

    Dinov2GradientTail(EncoderPredictor predictor, FloatTensor image, PositionEmbeddingInterpolation interpolation,
                       FloatTensor lastBlockInput) {
        this.predictor = predictor;
        this.image = image;
        this.interpolation = interpolation;
        this.lastBlockInput = lastBlockInput;
    }

    @Override
    public List<GradientLayer> layers() {
        return Dinov2GradientLayer.all();
    }

    @Override
    public List<LayerGradients> gradients(String layerName, List<Score> scores, CancellationToken cancel) {
        Dinov2GradientLayer layer = Dinov2GradientLayer.named(layerName);
        try (BlockRunner r = predictor.blockRunner(image, interpolation)) {
            int last = r.numBlocks() - 1;
            NDArray blockIn = fromTensor(r, lastBlockInput);
            // the block output is graph-free for the block-output target, so it is computed once too
            NDArray blockOut = layer == Dinov2GradientLayer.BLOCK_OUTPUT
                    ? r.runBlock(blockIn, last, (AttentionCopy) null, Progress.NONE, cancel) : null;
            NDArray n1 = layer == Dinov2GradientLayer.NORM1 ? r.norm1(last, blockIn) : null;
            List<LayerGradients> out = new ArrayList<>();
            for (Score s : scores) {
                if (cancel.isCancelled()) {
                    throw new CancellationException("Grad-CAM cancelled");
                }
                out.add(tail(r, layer, blockIn, n1, blockOut, s));
            }
            return out;
        }
    }

    /**
     * Every block runs with gradients recorded from the input leaf (no part of the trace is reused), so the memory
     * is that of a training step without weight gradients: each block keeps its activations for the backward, about
     * (B·N·D·(12 + 2·mlp ratio) + B·heads·N²·3) floats per block. For a ViT-B at 518 px (N = 1370) that is ≈ 0.19 GB
     * per image per block, ≈ 2.3 GB per image for 12 blocks; small models at small inputs take megabytes.
     */
    @Override
    public InputGradients inputGradients(FloatTensor images, Score score, CancellationToken cancel) {
        long[] s = images.shape();
        if (images.rank() != 4 || s[1] != image.dim(1) || s[2] != image.dim(2) || s[3] != image.dim(3)) {
            throw new IllegalArgumentException("input gradients need (B, " + image.dim(1) + ", " + image.dim(2) + ", "
                    + image.dim(3) + ") images like the traced one, got " + java.util.Arrays.toString(s));
        }
        try (BlockRunner r = predictor.blockRunner(images, interpolation);
             GradientCollector collector = TorchEngine.get().newGradientCollector()) {
            NDArray leaf = r.scope().create(images.data(), new Shape(s));
            leaf.setRequiresGradient(true);
            NDArray x = r.embed(leaf);
            for (int i = 0; i < r.numBlocks(); i++) {
                if (cancel.isCancelled()) {
                    throw new CancellationException("input gradients cancelled before block " + i);
                }
                x = r.blockDifferentiable(i, x);
            }
            Scored scored = score.apply(r.finalNorm(x), r.layout());
            FloatTensor outputs = BlockRunner.toTensor(scored.outputs());
            collector.backward(scored.score());
            return new InputGradients(BlockRunner.toTensor(leaf.getGradient()), outputs);
        }
    }

    @Override
    public float[][] scoresFromEdited(String layerName, int variants, int batch, ActivationEdit edit, BatchScore score,
                                      CancellationToken cancel) {
        Dinov2GradientLayer layer = Dinov2GradientLayer.named(layerName);
        try (BlockRunner r = predictor.blockRunner(image, interpolation)) {
            TokenLayout layout = r.layout();
            int last = r.numBlocks() - 1;
            NDArray blockIn = fromTensor(r, lastBlockInput);
            NDArray kept = switch (layer) {
                case NORM1 -> r.norm1(last, blockIn);
                case BLOCK_INPUT -> blockIn;
                case BLOCK_OUTPUT -> r.runBlock(blockIn, last, (AttentionCopy) null, Progress.NONE, cancel);
            };
            float[] base = BlockRunner.toTensor(kept).data();
            float[][] out = new float[variants][];
            for (int start = 0; start < variants; start += batch) {
                if (cancel.isCancelled()) {
                    throw new CancellationException("Ablation-CAM cancelled");
                }
                int b = Math.min(batch, variants - start);
                float[] copies = new float[b * base.length];
                for (int i = 0; i < b; i++) {
                    float[] one = base.clone();
                    edit.edit(start + i, one, layout);
                    System.arraycopy(one, 0, copies, i * base.length, base.length);
                }
                try (NDManager scope = r.scope().newSubManager()) {
                    NDArray x = fromTensor(scope, new FloatTensor(copies, new long[]{b, layout.numTokens(), layout.dim()}));
                    // the residual (block input) is one image's and broadcasts over the batch of edited copies
                    NDArray blockOut = switch (layer) {
                        case NORM1 -> r.blockFromNorm1(last, blockIn, x);
                        case BLOCK_INPUT -> r.blockDifferentiable(last, x);
                        case BLOCK_OUTPUT -> x;
                    };
                    float[] s = BlockRunner.toTensor(score.apply(r.finalNorm(blockOut), layout)).data();
                    int t = s.length / b;
                    for (int i = 0; i < b; i++) {
                        out[start + i] = java.util.Arrays.copyOfRange(s, i * t, (i + 1) * t);
                    }
                }
            }
            return out;
        }
    }

    /** Leaf → rest of the network with gradients → score → backward, for one score. */
    private static LayerGradients tail(BlockRunner r, Dinov2GradientLayer layer, NDArray blockIn, NDArray n1,
                                       NDArray blockOutput, Score score) {
        TokenLayout layout = r.layout();
        int last = r.numBlocks() - 1;
        try (NDManager scope = r.scope().newSubManager();
             GradientCollector collector = TorchEngine.get().newGradientCollector()) {
            NDArray leaf;
            NDArray blockOut;
            switch (layer) {
                case NORM1 -> {
                    leaf = gradientLeaf(n1, scope);
                    blockOut = r.blockFromNorm1(last, blockIn, leaf);
                }
                case BLOCK_INPUT -> {
                    leaf = gradientLeaf(blockIn, scope);
                    blockOut = r.blockDifferentiable(last, leaf);
                }
                case BLOCK_OUTPUT -> {
                    leaf = gradientLeaf(blockOutput, scope);
                    blockOut = leaf;
                }
                default -> throw new IllegalStateException("unknown layer " + layer);
            }
            Scored s = score.apply(r.finalNorm(blockOut), layout);
            float[] outputs = BlockRunner.toTensor(s.outputs().get(0)).data();
            float value = BlockRunner.toTensor(s.score()).data()[0];
            collector.backward(s.score());
            NDArray g = leaf.getGradient();
            String patches = "0, " + layout.firstPatch() + ":, :";
            float[] acts = BlockRunner.toTensor(leaf.get(patches)).data();
            float[] grads = BlockRunner.toTensor(g.get(patches)).data();
            return new LayerGradients(layout, acts, grads, outputs, value);
        }
    }

    /** A kept activation back in native memory, in the encoder's precision (fp32 round-trips bf16/fp16 exactly). */
    private NDArray fromTensor(BlockRunner r, FloatTensor t) {
        return fromTensor(r.scope(), t);
    }

    private NDArray fromTensor(NDManager scope, FloatTensor t) {
        NDArray a = scope.create(t.data(), new Shape(t.shape()));
        DataType dtype = predictor.encoder().target().tensorType();
        return dtype == DataType.FLOAT32 ? a : a.toType(dtype, false);
    }

    /** A copy of a (graph-free) activation that autograd treats as a leaf, so its gradient is kept. */
    private static NDArray gradientLeaf(NDArray activation, NDManager scope) {
        NDArray leaf = activation.duplicate();
        leaf.attach(scope);
        leaf.setRequiresGradient(true);
        return leaf;
    }
}
