package org.raylens.inference.family.evax;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.raylens.core.progress.CancellationToken;
import org.raylens.inference.encoder.EncoderCapabilities.GradientLayer;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.GradientTail;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.encoder.TorchEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * EVA-X's gradient hooks, started from the last block's input a trace kept: at {@code norm1} (EVA-X's own Grad-CAM
 * target, {@code blocks[-1].norm1}) a copy of norm1's output becomes the gradient leaf and the rest of the block runs
 * with gradients recorded; at {@code block-input} the leaf is the residual stream entering the last block. The score
 * reads the tokens after the last block (EVA-X's {@code model.norm} is the identity), so a head on the pooled
 * feature applies fc_norm(mean of patches) itself. Used on its session's thread while the session is open.
 */
final class EvaxGradientTail implements GradientTail {
    /** The layers, norm1 first (the default). */
    static final List<GradientLayer> LAYERS = List.of(
            new GradientLayer("norm1", "last block's norm1 output (EVA-X's Grad-CAM target)"),
            new GradientLayer("block-input", "last block's input"));

    private final EvaxSession session;
    private final FloatTensor image;
    private final PositionEmbeddingInterpolation interpolation;
    private final FloatTensor lastBlockInput;

    EvaxGradientTail(EvaxSession session, FloatTensor image, PositionEmbeddingInterpolation interpolation,
                     FloatTensor lastBlockInput) {
        this.session = session;
        this.image = image;
        this.interpolation = interpolation;
        this.lastBlockInput = lastBlockInput;
    }

    @Override
    public List<GradientLayer> layers() {
        return LAYERS;
    }

    @Override
    public List<LayerGradients> gradients(String layer, List<Score> scores, CancellationToken cancel) {
        boolean atNorm1 = atNorm1(layer);
        try (EvaxPass pass = session.pass(image, interpolation)) {
            int last = pass.numBlocks() - 1;
            // fp32 round-trips bf16/fp16 exactly, so the kept input is the pass's own value
            NDArray blockIn = pass.inPrecision(pass.scope().create(lastBlockInput.data(),
                    new Shape(lastBlockInput.shape())));
            NDArray n1 = atNorm1 ? pass.norm1(last, blockIn) : null;
            List<LayerGradients> out = new ArrayList<>();
            for (Score s : scores) {
                if (cancel.isCancelled()) {
                    throw new CancellationException("Grad-CAM cancelled");
                }
                out.add(tail(pass, last, blockIn, n1, s));
            }
            return out;
        }
    }

    @Override
    public float[][] scoresFromEdited(String layer, int variants, int batch, ActivationEdit edit, BatchScore score,
                                      CancellationToken cancel) {
        boolean atNorm1 = atNorm1(layer);
        try (EvaxPass pass = session.pass(image, interpolation)) {
            TokenLayout layout = pass.layout();
            int last = pass.numBlocks() - 1;
            NDArray blockIn = pass.inPrecision(pass.scope().create(lastBlockInput.data(),
                    new Shape(lastBlockInput.shape())));
            float[] base = EvaxPass.toTensor(atNorm1 ? pass.norm1(last, blockIn) : blockIn).data();
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
                try (NDManager scope = pass.scope().newSubManager()) {
                    NDArray x = pass.inPrecision(scope.create(copies, new Shape(b, layout.numTokens(), layout.dim())));
                    // the residual (block input) is one image's and broadcasts over the batch of edited copies
                    NDArray tokens = atNorm1 ? pass.blockFromNorm1(last, blockIn, x) : pass.blockDifferentiable(last, x);
                    float[] s = EvaxPass.toTensor(score.apply(tokens, layout)).data();
                    int t = s.length / b;
                    for (int i = 0; i < b; i++) {
                        out[start + i] = java.util.Arrays.copyOfRange(s, i * t, (i + 1) * t);
                    }
                }
            }
            return out;
        }
    }

    /** True for norm1 (the default), false for block-input; any other name is refused. */
    private static boolean atNorm1(String layer) {
        boolean atNorm1 = layer == null || layer.isBlank() || layer.equals(LAYERS.get(0).name());
        if (!atNorm1 && !layer.equals(LAYERS.get(1).name())) {
            throw new IllegalArgumentException("EVA-X has no gradient layer \"" + layer + "\"; it has "
                    + LAYERS.stream().map(GradientLayer::name).toList());
        }
        return atNorm1;
    }

    private static LayerGradients tail(EvaxPass pass, int last, NDArray blockIn, NDArray n1, Score score) {
        TokenLayout layout = pass.layout();
        Engine engine = TorchEngine.get();
        try (NDManager scope = pass.scope().newSubManager(); GradientCollector collector = engine.newGradientCollector()) {
            NDArray leaf = (n1 != null ? n1 : blockIn).duplicate();
            leaf.attach(scope);
            leaf.setRequiresGradient(true);
            NDArray tokens = n1 != null ? pass.blockFromNorm1(last, blockIn, leaf) : pass.blockDifferentiable(last, leaf);
            Scored s = score.apply(tokens, layout);
            float[] outputs = EvaxPass.toTensor(s.outputs().get(0)).data();
            float value = EvaxPass.toTensor(s.score()).data()[0];
            collector.backward(s.score());
            String patches = "0, " + layout.firstPatch() + ":, :";
            float[] acts = EvaxPass.toTensor(leaf.get(patches)).data();
            float[] grads = EvaxPass.toTensor(leaf.getGradient().get(patches)).data();
            return new LayerGradients(layout, acts, grads, outputs, value);
        }
    }
}
