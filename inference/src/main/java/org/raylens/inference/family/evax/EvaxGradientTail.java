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
        boolean atNorm1 = layer == null || layer.isBlank() || layer.equals(LAYERS.get(0).name());
        if (!atNorm1 && !layer.equals(LAYERS.get(1).name())) {
            throw new IllegalArgumentException("EVA-X has no gradient layer \"" + layer + "\"; it has "
                    + LAYERS.stream().map(GradientLayer::name).toList());
        }
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
