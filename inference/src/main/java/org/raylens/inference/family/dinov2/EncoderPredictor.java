package org.raylens.inference.family.dinov2;

import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.encoder.NoGradScope;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.TokenLayout;
import org.raylens.inference.encoder.TransformerBlock;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.numeric.FiniteCheck;

import org.raylens.core.result.NonFiniteOutputException;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.raylens.inference.family.dinov2.Dinov2Config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs forward passes of a shared {@link Dinov2Encoder} on one thread (not thread-safe; one per thread, as DJL's
 * Predictor). Every NDArray a forward creates lives in a scope closed before the call returns, and each block runs
 * in its own sub-scope, so native memory stays flat however many images go through; results leave as plain arrays.
 */
public final class EncoderPredictor implements AutoCloseable {
    private final Dinov2Encoder encoder;
    private final NDManager manager;

    EncoderPredictor(Dinov2Encoder encoder, NDManager manager) {
        this.encoder = encoder;
        this.manager = manager;
    }

    /**
     * @param images (B, C, H, W) already preprocessed (normalised) float32; H and W of at least one patch. Pixels
     *               beyond the last whole patch are ignored, as PyTorch's strided convolution ignores them.
     */
    public EncoderOutput forward(FloatTensor images, ForwardOptions options) {
        return forward(images, options, Progress.NONE, CancellationToken.NONE);
    }

    /**
     * As {@link #forward(FloatTensor, ForwardOptions)}, reporting each finished block and stopping with a
     * {@link java.util.concurrent.CancellationException} when {@code cancel} says so (polled between blocks).
     */
    public EncoderOutput forward(FloatTensor images, ForwardOptions options, Progress progress, CancellationToken cancel) {
        Dinov2Config c = encoder.config();
        validate(images, options);
        int batch = images.dim(0);
        int rows = images.dim(2) / c.patchSize();
        int cols = images.dim(3) / c.patchSize();
        TokenLayout layout = new TokenLayout(c.numRegisterTokens(), rows, cols, c.patchSize(), c.hiddenSize());
        float[] pos = encoder.positionEmbeddingFor(images.dim(2), images.dim(3), rows, cols, options.interpolation());
        List<FloatTensor> hidden = new ArrayList<>();
        Map<Integer, FloatTensor> attentions = new LinkedHashMap<>();
        // no autograd recording on the fast path, whatever this thread's grad mode was: the kernel may run
        try (NoGradScope noGrad = NoGradScope.enter(); NDManager scope = manager.newSubManager()) {
            NDArray last = run(scope, images, pos, layout, options, progress, cancel, hidden, attentions);
            FloatTensor lastTensor = toTensor(last);
            checkFinite(lastTensor, layout, batch);
            return new EncoderOutput(batch, layout, lastTensor, hidden, attentions,
                    new FloatTensor(pos, new long[]{1L + (long) rows * cols, c.hiddenSize()}));
        }
    }

    private NDArray run(NDManager scope, FloatTensor images, float[] pos, TokenLayout layout, ForwardOptions options,
                        Progress progress, CancellationToken cancel, List<FloatTensor> hidden, Map<Integer, FloatTensor> attentions) {
        Dinov2Config c = encoder.config();
        int batch = images.dim(0);
        DataType dtype = encoder.target().tensorType();
        NDArray x = embed(scope, images, pos, layout, dtype);
        if (options.hiddenStates()) {
            hidden.add(toTensor(x));
        }
        List<TransformerBlock> blocks = encoder.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            if (cancel.isCancelled()) {
                throw new java.util.concurrent.CancellationException("forward cancelled before block " + i);
            }
            boolean keep = options.attentionLayers().contains(i);
            NDArray next;
            try (NDManager blockScope = scope.newSubManager()) {
                x.tempAttach(blockScope);
                long n = layout.numTokens();
                float[] probs = keep ? new float[Math.toIntExact(batch * c.numHeads() * n * n)] : null;
                next = blocks.get(i).apply(x, probs);
                next.attach(scope);
                if (keep) {
                    attentions.put(i, new FloatTensor(probs, new long[]{batch, c.numHeads(), n, n}));
                }
                x.close();
            }
            x = next;
            if (options.hiddenStates()) {
                hidden.add(toTensor(x));
            }
            progress.report(i + 1, blocks.size());
        }
        return encoder.finalNorm().apply(x);
    }

    /** Refuses a forward whose tokens hold NaN or infinity, naming which token of which image. */
    private static void checkFinite(FloatTensor last, TokenLayout layout, int batch) {
        int n = layout.numTokens();
        int d = layout.dim();
        float[] v = last.data();
        for (int b = 0; b < batch; b++) {
            int start = b * n * d;
            NonFiniteOutputException.check("CLS token of image " + b, v, start, start + d);
            NonFiniteOutputException.check("register tokens of image " + b, v, start + d, start + layout.firstPatch() * d);
            NonFiniteOutputException.check("patch tokens of image " + b, v, start + layout.firstPatch() * d, start + n * d);
        }
    }

    private void validate(FloatTensor images, ForwardOptions options) {
        Dinov2Config c = encoder.config();
        if (images.rank() != 4 || images.dim(1) != c.numChannels()) {
            throw new IllegalArgumentException("input must be (B, " + c.numChannels() + ", H, W), got "
                    + java.util.Arrays.toString(images.shape()));
        }
        if (images.dim(0) < 1 || images.dim(2) < c.patchSize() || images.dim(3) < c.patchSize()) {
            throw new IllegalArgumentException("input " + java.util.Arrays.toString(images.shape())
                    + " is smaller than one " + c.patchSize() + "-pixel patch");
        }
        int bad = org.raylens.core.numeric.FiniteCheck.firstNonFinite(images.data());
        if (bad >= 0) {
            throw new IllegalArgumentException("input holds " + images.data()[bad] + " at element " + bad
                    + "; model inputs must be finite");
        }
        for (int layer : options.attentionLayers()) {
            if (layer < 0 || layer >= c.numLayers()) {
                throw new IllegalArgumentException("attention layer " + layer + " does not exist (0.." + (c.numLayers() - 1) + ")");
            }
        }
    }

    /**
     * A forward pass to be taken block by block (attention of one layer, rollout, Grad-CAM); close it to free
     * everything it created. Same arithmetic as {@link #forward}, which stays the fast path.
     */
    public BlockRunner blockRunner(FloatTensor images, PositionEmbeddingInterpolation interpolation) {
        return new BlockRunner(this, manager.newSubManager(), images, interpolation);
    }

    /** Patch embedding, CLS prepended, position embedding added, then register tokens inserted after CLS. */
    NDArray embed(NDManager scope, FloatTensor images, float[] pos, TokenLayout layout, DataType dtype) {
        return embed(scope, scope.create(images.data(), new Shape(images.shape())), pos, layout, dtype);
    }

    /**
     * As {@link #embed(NDManager, FloatTensor, float[], TokenLayout, DataType)} from an image array already in native
     * memory (a gradient leaf for input gradients: the in-place additions act on fresh intermediates only).
     */
    NDArray embed(NDManager scope, NDArray images, float[] pos, TokenLayout layout, DataType dtype) {
        int batch = (int) images.getShape().get(0);
        long d = layout.dim();
        NDArray img = images;
        if (dtype != DataType.FLOAT32) {
            img = img.toType(dtype, false);
        }
        NDArray patches = encoder.patchEmbedding().apply(img);
        // zeros + cls keeps the result in this scope (an op led by a weight would land in the shared weights manager)
        NDArray cls = scope.zeros(new Shape(batch, 1, d), dtype).addi(encoder.clsToken());
        NDArray tokens = NDArrays.concat(new NDList(cls, patches), 1);
        NDArray posArr = scope.create(pos, new Shape(1, pos.length / d, d));
        if (dtype != DataType.FLOAT32) {
            posArr = posArr.toType(dtype, false);
        }
        tokens.addi(posArr);
        if (layout.registers() == 0) {
            return tokens;
        }
        NDArray regs = scope.zeros(new Shape(batch, layout.registers(), d), dtype).addi(encoder.registerTokens());
        return NDArrays.concat(new NDList(tokens.get(":, :1, :"), regs, tokens.get(":, 1:, :")), 1);
    }

    private static FloatTensor toTensor(NDArray a) {
        NDArray f = a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
        return new FloatTensor(f.toFloatArray(), f.getShape().getShape());
    }

    public Dinov2Encoder encoder() {
        return encoder;
    }

    @Override
    public void close() {
        manager.close();
    }
}
