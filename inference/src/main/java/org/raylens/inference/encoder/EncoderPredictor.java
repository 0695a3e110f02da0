package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.raylens.inference.model.Dinov2Config;

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
        return forward(images, options, ForwardProgress.NONE);
    }

    /**
     * As {@link #forward(FloatTensor, ForwardOptions)}, reporting each finished block and stopping with a
     * {@link java.util.concurrent.CancellationException} when {@code progress} says so.
     */
    public EncoderOutput forward(FloatTensor images, ForwardOptions options, ForwardProgress progress) {
        Dinov2Config c = encoder.config();
        if (images.rank() != 4 || images.dim(1) != c.numChannels()) {
            throw new IllegalArgumentException("input must be (B, " + c.numChannels() + ", H, W), got "
                    + java.util.Arrays.toString(images.shape()));
        }
        int batch = images.dim(0);
        int height = images.dim(2);
        int width = images.dim(3);
        int rows = height / c.patchSize();
        int cols = width / c.patchSize();
        if (batch < 1 || rows < 1 || cols < 1) {
            throw new IllegalArgumentException("input " + java.util.Arrays.toString(images.shape())
                    + " is smaller than one " + c.patchSize() + "-pixel patch");
        }
        for (int layer : options.attentionLayers()) {
            if (layer < 0 || layer >= c.numLayers()) {
                throw new IllegalArgumentException("attention layer " + layer + " does not exist (0.." + (c.numLayers() - 1) + ")");
            }
        }
        TokenLayout layout = new TokenLayout(c.numRegisterTokens(), rows, cols, c.patchSize(), c.hiddenSize());
        float[] pos = encoder.positionEmbeddingFor(height, width, rows, cols, options.interpolation());
        DataType dtype = encoder.target().precision().dataType();
        List<FloatTensor> hidden = new ArrayList<>();
        Map<Integer, FloatTensor> attentions = new LinkedHashMap<>();
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = embed(scope, images, pos, layout, dtype);
            if (options.hiddenStates()) {
                hidden.add(toTensor(x));
            }
            List<TransformerBlock> blocks = encoder.blocks();
            for (int i = 0; i < blocks.size(); i++) {
                if (progress.isCancelled()) {
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
                progress.blockDone(i + 1, blocks.size());
            }
            FloatTensor last = toTensor(encoder.finalNorm().apply(x));
            return new EncoderOutput(batch, layout, last, hidden, attentions,
                    new FloatTensor(pos, new long[]{1L + (long) rows * cols, c.hiddenSize()}));
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
        int batch = images.dim(0);
        long d = layout.dim();
        NDArray img = scope.create(images.data(), new Shape(images.shape()));
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
