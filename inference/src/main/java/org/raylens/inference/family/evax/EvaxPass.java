package org.raylens.inference.family.evax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.TokenLayout;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

/**
 * One forward pass over a batch, taken block by block: the session's plain forwards, its traces and the gradient
 * tail all run through it, so they share one arithmetic. Every NDArray it returns lives in {@link #scope()}, closed
 * with the pass; each block's temporaries live in a sub-scope freed as the block finishes. Not thread-safe.
 */
final class EvaxPass implements AutoCloseable {
    private final EvaxEncoder encoder;
    private final NDManager scope;
    private final FloatTensor images;
    private final TokenLayout layout;
    private final float[] positionEmbedding;
    private final NDArray cos;
    private final NDArray signedSin;
    private final DataType dtype;

    EvaxPass(EvaxEncoder encoder, NDManager scope, FloatTensor images, PositionEmbeddingInterpolation interpolation) {
        EvaxConfig c = encoder.config();
        if (images.rank() != 4 || images.dim(1) != c.channels()) {
            scope.close();
            throw new IllegalArgumentException("input must be (B, " + c.channels() + ", H, W), got "
                    + Arrays.toString(images.shape()));
        }
        int rows = images.dim(2) / c.patchSize();
        int cols = images.dim(3) / c.patchSize();
        if (images.dim(0) < 1 || rows < 1 || cols < 1) {
            scope.close();
            throw new IllegalArgumentException("input " + Arrays.toString(images.shape()) + " is smaller than one "
                    + c.patchSize() + "-pixel patch");
        }
        int bad = org.raylens.core.numeric.FiniteCheck.firstNonFinite(images.data());
        if (bad >= 0) {
            scope.close();
            throw new IllegalArgumentException("input holds " + images.data()[bad] + " at element " + bad
                    + "; model inputs must be finite");
        }
        this.encoder = encoder;
        this.scope = scope;
        this.images = images;
        this.layout = new TokenLayout(0, rows, cols, c.patchSize(), c.hiddenSize());
        this.positionEmbedding = encoder.positionEmbeddingFor(images.dim(2), images.dim(3), rows, cols, interpolation);
        this.dtype = encoder.target().tensorType();
        RotaryTables rope = encoder.rope(rows, cols);
        Shape tableShape = new Shape(1L + (long) rows * cols, c.headDim());
        this.cos = inPrecision(scope.create(rope.cosWithCls(), tableShape));
        this.signedSin = inPrecision(scope.create(rope.signedSinWithCls(), tableShape));
    }

    /** {@code a} in the encoder's precision (a converted copy, or a itself for fp32). */
    NDArray inPrecision(NDArray a) {
        return dtype == DataType.FLOAT32 ? a : a.toType(dtype, false);
    }

    TokenLayout layout() {
        return layout;
    }

    NDManager scope() {
        return scope;
    }

    int numBlocks() {
        return encoder.blocks().size();
    }

    int numHeads() {
        return encoder.config().heads();
    }

    int batch() {
        return images.dim(0);
    }

    /** (1 + rows·cols, D) the position embedding this pass adds, CLS row first. */
    FloatTensor positionEmbedding() {
        return new FloatTensor(positionEmbedding.clone(),
                new long[]{1L + (long) layout.rows() * layout.cols(), layout.dim()});
    }

    /** The input of block 0: patch embedding, CLS prepended, position embedding added (B, N, D). */
    NDArray embed() {
        int batch = images.dim(0);
        long d = layout.dim();
        NDArray img = inPrecision(scope.create(images.data(), new Shape(images.shape())));
        NDArray patches = encoder.patchEmbedding().apply(img);
        // zeros + cls keeps the result in this scope (an op led by a weight would land in the weights' manager)
        NDArray cls = scope.zeros(new Shape(batch, 1, d), dtype).addi(encoder.clsToken());
        NDArray tokens = NDArrays.concat(new NDList(cls, patches), 1);
        NDArray pos = inPrecision(scope.create(positionEmbedding, new Shape(1, positionEmbedding.length / d, d)));
        return tokens.add(pos);
    }

    /** One block; its (B, heads, N, N) probabilities are copied into {@code probabilities} when given. */
    NDArray runBlock(NDArray x, int block, float[] probabilities, Progress progress, CancellationToken cancel) {
        checkBlock(block);
        if (cancel.isCancelled()) {
            throw new CancellationException("forward cancelled before block " + block);
        }
        long n = layout.numTokens();
        if (probabilities != null && probabilities.length != batch() * numHeads() * n * n) {
            throw new IllegalArgumentException("attention buffer of " + probabilities.length + " floats, need "
                    + batch() * numHeads() * n * n);
        }
        NDArray next;
        try (NDManager blockScope = scope.newSubManager()) {
            x.tempAttach(blockScope);
            next = encoder.blocks().get(block).apply(x, cos, signedSin, probabilities);
            next.attach(scope);
        }
        progress.report(block + 1, numBlocks());
        return next;
    }

    NDArray norm1(int block, NDArray x) {
        checkBlock(block);
        return encoder.blocks().get(block).norm1(x);
    }

    /** The rest of a block from its norm1 output (a gradient leaf may stand in for it); out of place throughout. */
    NDArray blockFromNorm1(int block, NDArray x, NDArray n1) {
        checkBlock(block);
        return encoder.blocks().get(block).fromNorm1(x, n1, cos, signedSin, null);
    }

    /** The whole block recording gradients into x when x requires them. */
    NDArray blockDifferentiable(int block, NDArray x) {
        checkBlock(block);
        return encoder.blocks().get(block).apply(x, cos, signedSin, null);
    }

    /** EVA-X's pooled feature: fc_norm of the mean over the patch tokens (B, D); CLS is left out. */
    NDArray pooled(NDArray tokens) {
        NDArray mean = tokens.get(":, 1:, :").mean(new int[]{1});
        return encoder.fcNorm().apply(mean);
    }

    /** An NDArray's values as float32 (copied out of native memory). */
    static FloatTensor toTensor(NDArray a) {
        NDArray f = a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
        return new FloatTensor(f.toFloatArray(), f.getShape().getShape());
    }

    private void checkBlock(int block) {
        if (block < 0 || block >= numBlocks()) {
            throw new IllegalArgumentException("block " + block + " does not exist (0.." + (numBlocks() - 1) + ")");
        }
    }

    @Override
    public void close() {
        scope.close();
    }
}
