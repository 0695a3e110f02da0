package org.raylens.inference.family.dinov2;

import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.FeedForward;
import org.raylens.inference.encoder.LayerNorm;
import org.raylens.inference.encoder.LayerScale;
import org.raylens.inference.encoder.Linear;
import org.raylens.inference.encoder.PatchEmbedding;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.SelfAttention;
import org.raylens.inference.encoder.TorchEngine;
import org.raylens.inference.encoder.TransformerBlock;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.raylens.inference.family.dinov2.Dinov2Checkpoint;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.FeedForwardKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DINOv2-family ViT encoder with its weights resident in libtorch memory. Immutable after construction and safe to
 * share between threads; each thread runs forwards through its own {@link EncoderPredictor}. Closing the encoder
 * frees the weights (predictors must be closed first).
 */
public final class Dinov2Encoder implements AutoCloseable {
    private final Dinov2Config config;
    private final ComputeTarget target;
    private final NDManager weights;
    private final PatchEmbedding patchEmbedding;
    private final NDArray clsToken;
    private final NDArray registerTokens;
    private final float[] positionEmbedding;
    private final List<TransformerBlock> blocks;
    private final LayerNorm finalNorm;
    private final Map<String, float[]> positionCache = new ConcurrentHashMap<>();
    private final String weightsSha256;

    private Dinov2Encoder(Builder b) {
        this.config = b.config;
        this.target = b.target;
        this.weights = b.manager;
        this.patchEmbedding = b.patchEmbedding;
        this.clsToken = b.cls;
        this.registerTokens = b.registers;
        this.positionEmbedding = b.pos;
        this.blocks = List.copyOf(b.blocks);
        this.finalNorm = b.finalNorm;
        this.weightsSha256 = b.sha256;
    }

    /** Copies every parameter of the checkpoint into libtorch memory on the target device and precision. */
    public static Dinov2Encoder load(Dinov2Checkpoint checkpoint, ComputeTarget target) throws IOException {
        return build(checkpoint.config(), target, checkpoint.sha256().orElse(null), name -> {
            float[] f = checkpoint.floats(name);
            return new ParamData(f, checkpoint.parameters().get(name).shape());
        });
    }

    /** Builds from any parameter source (used by the benchmark's seeded random weights and by tests). */
    public static Dinov2Encoder build(Dinov2Config config, ComputeTarget target, String sha256, ParamSource source)
            throws IOException {
        TorchEngine.get(); // loads libtorch; its thread count is the composition root's choice (TorchEngine.configure)
        NDManager manager = NDManager.newBaseManager(target.device(), TorchEngine.NAME);
        try {
            Builder b = new Builder(config, target, manager, source, sha256);
            return new Dinov2Encoder(b);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Supplies one canonical parameter as float32 data with its shape. */
    @FunctionalInterface
    public interface ParamSource {
        ParamData get(String canonicalName) throws IOException;
    }

    public record ParamData(float[] values, long[] shape) {
    }

    public Dinov2Config config() {
        return config;
    }

    public ComputeTarget target() {
        return target;
    }

    /** SHA-256 of the weights file, or null for synthetic weights. */
    public String weightsSha256() {
        return weightsSha256;
    }

    /** A per-thread handle for running forwards; close it when the thread is done. */
    public EncoderPredictor newPredictor() {
        return new EncoderPredictor(this, weights.newSubManager());
    }

    PatchEmbedding patchEmbedding() {
        return patchEmbedding;
    }

    NDArray clsToken() {
        return clsToken;
    }

    NDArray registerTokens() {
        return registerTokens;
    }

    List<TransformerBlock> blocks() {
        return blocks;
    }

    LayerNorm finalNorm() {
        return finalNorm;
    }

    /** The (1 + rows·cols) × D position embedding for an input of the given pixel size, cached per geometry. */
    float[] positionEmbeddingFor(int height, int width, int rows, int cols, PositionEmbeddingInterpolation variant) {
        String key = variant + ":" + height + "x" + width;
        return positionCache.computeIfAbsent(key, k ->
                variant.interpolate(positionEmbedding, config.hiddenSize(), height, width, rows, cols));
    }

    /** NDArrays alive in the encoder's manager and its predictors' (weights only, between forwards): for leak checks. */
    public int liveArrayCount() {
        return weights.getManagedArrays().size();
    }

    @Override
    public void close() {
        weights.close();
    }

    /** Assembles the layer objects from a parameter source. */
    private static final class Builder {
        final Dinov2Config config;
        final ComputeTarget target;
        final NDManager manager;
        final ParamSource source;
        final String sha256;
        final PatchEmbedding patchEmbedding;
        final NDArray cls;
        final NDArray registers;
        final float[] pos;
        final List<TransformerBlock> blocks = new ArrayList<>();
        final LayerNorm finalNorm;

        Builder(Dinov2Config c, ComputeTarget target, NDManager manager, ParamSource source, String sha256) throws IOException {
            this.config = c;
            this.target = target;
            this.manager = manager;
            this.source = source;
            this.sha256 = sha256;
            patchEmbedding = new PatchEmbedding(param("patch_embed.proj.weight"), param("patch_embed.proj.bias"), c.patchSize());
            cls = param("cls_token");
            registers = c.numRegisterTokens() > 0 ? param("register_tokens") : null;
            pos = source.get("pos_embed").values();
            for (int i = 0; i < c.numLayers(); i++) {
                String p = "blocks." + i + ".";
                LayerNorm n1 = new LayerNorm(param(p + "norm1.weight"), param(p + "norm1.bias"), c.layerNormEps());
                boolean fold = SelfAttention.scaleFoldsExactly(c.headDim());
                float qScale = SelfAttention.scaleFor(c.headDim());
                NDArray qkvW = param(p + "attn.qkv.weight");
                NDArray qkvB = c.qkvBias() ? param(p + "attn.qkv.bias") : null;
                if (fold) {
                    scaleRowsInPlace(qkvW, c.hiddenSize(), qScale);
                    if (qkvB != null) {
                        scaleRowsInPlace(qkvB, c.hiddenSize(), qScale);
                    }
                }
                SelfAttention attn = new SelfAttention(new Linear(qkvW, qkvB),
                        new Linear(param(p + "attn.proj.weight"), param(p + "attn.proj.bias")), c.numHeads(),
                        fold ? 1f : qScale);
                LayerScale ls1 = c.layerScale() ? LayerScale.of(param(p + "ls1.gamma")) : LayerScale.identity();
                LayerScale ls2 = c.layerScale() ? LayerScale.of(param(p + "ls2.gamma")) : LayerScale.identity();
                LayerNorm n2 = new LayerNorm(param(p + "norm2.weight"), param(p + "norm2.bias"), c.layerNormEps());
                FeedForward ff = c.feedForward() == FeedForwardKind.SWIGLU
                        ? new FeedForward.SwiGlu(new Linear(param(p + "mlp.w12.weight"), param(p + "mlp.w12.bias")),
                        new Linear(param(p + "mlp.w3.weight"), param(p + "mlp.w3.bias")))
                        : new FeedForward.GeluMlp(new Linear(param(p + "mlp.fc1.weight"), param(p + "mlp.fc1.bias")),
                        new Linear(param(p + "mlp.fc2.weight"), param(p + "mlp.fc2.bias")));
                blocks.add(new TransformerBlock(n1, attn, ls1, n2, ff, ls2));
            }
            finalNorm = new LayerNorm(param("norm.weight"), param("norm.bias"), c.layerNormEps());
        }

        /** Multiplies the first {@code rows} rows (the q block of a fused qkv) in place, freeing the temporaries. */
        private static void scaleRowsInPlace(NDArray a, int rows, float factor) {
            String range = "0:" + rows;
            try (NDArray block = a.get(range); NDArray scaled = block.mul(factor)) {
                a.set(new ai.djl.ndarray.index.NDIndex(range), scaled);
            }
        }

        NDArray param(String name) throws IOException {
            ParamData d = source.get(name);
            NDArray a = manager.create(d.values(), new Shape(d.shape()));
            if (target.precision().dataType() != DataType.FLOAT32) {
                NDArray cast = a.toType(target.precision().dataType(), false);
                a.close();
                a = cast;
            }
            a.setName(name);
            return a;
        }
    }
}
