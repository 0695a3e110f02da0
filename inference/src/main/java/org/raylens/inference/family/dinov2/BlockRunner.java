package org.raylens.inference.family.dinov2;

import org.raylens.inference.encoder.AttentionCopy;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.LayerNorm;
import org.raylens.inference.encoder.NoGradScope;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.TokenLayout;

import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.raylens.inference.family.dinov2.Dinov2Config;

import java.util.Arrays;
import java.util.concurrent.CancellationException;

/**
 * A forward pass taken one block at a time, for methods that need the inside of the network: attention of one layer
 * without running the layers after it, attention rollout that reduces each layer's maps as they appear, and Grad-CAM,
 * which runs the first blocks on the fast path and only the last block with gradients recorded.
 *
 * <p>The plain forward ({@link EncoderPredictor#forward}) is untouched; this class reuses the same block objects but
 * always runs their attention the explicit way, never the fused kernel, so every map of a trace is the same to the
 * last bit whichever other maps the trace keeps (see {@link AttentionCopy#none()}). Every
 * NDArray it returns lives in {@link #scope()}, a sub-scope of the predictor's, closed with this runner. Not
 * thread-safe (one per predictor thread, as the predictor).
 */
public final class BlockRunner implements AutoCloseable {
    private final EncoderPredictor predictor;
    private final NDManager scope;
    private final TokenLayout layout;
    private final FloatTensor images;
    private final float[] positionEmbedding;

    BlockRunner(EncoderPredictor predictor, NDManager scope, FloatTensor images, PositionEmbeddingInterpolation interp) {
        Dinov2Config c = predictor.encoder().config();
        if (images.rank() != 4 || images.dim(1) != c.numChannels()) {
            throw new IllegalArgumentException("input must be (B, " + c.numChannels() + ", H, W), got "
                    + Arrays.toString(images.shape()));
        }
        int rows = images.dim(2) / c.patchSize();
        int cols = images.dim(3) / c.patchSize();
        if (images.dim(0) < 1 || rows < 1 || cols < 1) {
            throw new IllegalArgumentException("input " + Arrays.toString(images.shape()) + " is smaller than one "
                    + c.patchSize() + "-pixel patch");
        }
        this.predictor = predictor;
        this.scope = scope;
        this.images = images;
        this.layout = new TokenLayout(c.numRegisterTokens(), rows, cols, c.patchSize(), c.hiddenSize());
        this.positionEmbedding = predictor.encoder().positionEmbeddingFor(images.dim(2), images.dim(3), rows, cols, interp);
    }

    public TokenLayout layout() {
        return layout;
    }

    public int numBlocks() {
        return predictor.encoder().blocks().size();
    }

    public int batch() {
        return images.dim(0);
    }

    /** (1 + rows·cols, D) the position embedding this pass adds (CLS row first), as {@link EncoderOutput} holds it. */
    public FloatTensor positionEmbedding() {
        return new FloatTensor(positionEmbedding.clone(), new long[]{1L + (long) layout.rows() * layout.cols(), layout.dim()});
    }

    public int numHeads() {
        return predictor.encoder().config().numHeads();
    }

    /** Arrays created by the caller for this pass should live here, so that closing the runner frees them. */
    public NDManager scope() {
        return scope;
    }

    /** The input of block 0: patch embedding, CLS, position embedding, registers (B, N, D). */
    public NDArray embed() {
        return predictor.embed(scope, images, positionEmbedding, layout, predictor.encoder().target().tensorType());
    }

    /**
     * The input of block 0 from an image array of this runner's shape in {@link #scope()}, e.g. a gradient leaf: the
     * whole embedding is differentiable with respect to it.
     */
    public NDArray embed(NDArray images) {
        if (!Arrays.equals(images.getShape().getShape(), this.images.shape())) {
            throw new IllegalArgumentException("images " + images.getShape() + " do not match this pass's "
                    + Arrays.toString(this.images.shape()));
        }
        return predictor.embed(scope, images, positionEmbedding, layout,
                predictor.encoder().target().tensorType());
    }

    /**
     * Runs blocks [from, to) on the fast path and returns the residual stream after them; x is left as it is. Each
     * block's temporaries are freed as it finishes.
     */
    public NDArray runBlocks(NDArray x, int from, int to, Progress progress, CancellationToken cancel) {
        checkRange(from, to);
        NDArray cur = x;
        for (int i = from; i < to; i++) {
            NDArray next = runBlock(cur, i, (AttentionCopy) null, progress, cancel);
            if (cur != x) {
                cur.close();
            }
            cur = next;
        }
        return cur == x ? x.duplicate() : cur;
    }

    /**
     * One block on the fast path; when {@code probabilities} is given ((B, heads, N, N) floats) the block's attention
     * probabilities are copied into it. x is left as it is.
     */
    public NDArray runBlock(NDArray x, int block, float[] probabilities, Progress progress, CancellationToken cancel) {
        return runBlock(x, block, probabilities == null ? null : AttentionCopy.all(probabilities), progress, cancel);
    }

    /**
     * One block on the fast path (never recorded by autograd: use {@link #blockDifferentiable} for that); when
     * {@code probabilities} is given the block's attention probabilities (all rows or the query rows it names) are
     * copied into its buffer. x is left as it is.
     */
    public NDArray runBlock(NDArray x, int block, AttentionCopy probabilities, Progress progress, CancellationToken cancel) {
        checkRange(block, block + 1);
        if (cancel.isCancelled()) {
            throw new CancellationException("forward cancelled before block " + block);
        }
        long n = layout.numTokens();
        if (probabilities != null && probabilities.buffer().length != probabilities.floatsFor(batch(), numHeads(), n)) {
            throw new IllegalArgumentException("attention buffer of " + probabilities.buffer().length + " floats, need "
                    + probabilities.floatsFor(batch(), numHeads(), n));
        }
        NDArray next;
        try (NoGradScope noGrad = NoGradScope.enter(); NDManager blockScope = scope.newSubManager()) {
            x.tempAttach(blockScope);
            // explicit attention even when no maps are kept: see AttentionCopy.none()
            next = predictor.encoder().blocks().get(block).apply(x,
                    probabilities == null ? AttentionCopy.none() : probabilities);
            next.attach(scope);
        }
        progress.report(block + 1, numBlocks());
        return next;
    }

    /** The first LayerNorm of a block applied to x (a hook point: what pytorch-grad-cam hooks as blocks[-1].norm1). */
    public NDArray norm1(int block, NDArray x) {
        checkRange(block, block + 1);
        return predictor.encoder().blocks().get(block).norm1(x);
    }

    /**
     * The rest of a block given its first LayerNorm's output {@code n1} (which may be a gradient leaf standing in for
     * norm1(x)); every operation is out of place, so gradients flow back to n1 inside a GradientCollector.
     */
    public NDArray blockFromNorm1(int block, NDArray x, NDArray n1) {
        checkRange(block, block + 1);
        return predictor.encoder().blocks().get(block).applyFromNorm1Differentiable(x, n1);
    }

    /** One whole block with every operation out of place (gradients flow back into x). */
    public NDArray blockDifferentiable(int block, NDArray x) {
        checkRange(block, block + 1);
        return predictor.encoder().blocks().get(block).applyDifferentiable(x);
    }

    /** The encoder's final LayerNorm (per token): the tokens a head reads. */
    public NDArray finalNorm(NDArray x) {
        return predictor.encoder().finalNorm().apply(x);
    }

    /** An NDArray's values as float32 (copied out of native memory). */
    public static FloatTensor toTensor(NDArray a) {
        NDArray f = a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
        return new FloatTensor(f.toFloatArray(), f.getShape().getShape());
    }

    private void checkRange(int from, int to) {
        if (from < 0 || to > numBlocks() || from > to) {
            throw new IllegalArgumentException("blocks [" + from + ", " + to + ") outside 0.." + numBlocks());
        }
    }

    @Override
    public void close() {
        scope.close();
    }
}
