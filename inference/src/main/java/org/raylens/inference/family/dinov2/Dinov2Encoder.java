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
import org.raylens.inference.kernel.KernelUnavailableException;
import org.raylens.inference.kernel.TorchKernel;

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
 *
 * <p>On the CPU the encoder owns a {@link TorchKernel}: in float32 it runs the attention of forwards that keep no
 * maps (fused SDPA); in the bf16 fast mode it also holds a bf16 copy of every linear layer's weight (qkv, proj, MLP),
 * made once at load, and runs them and the fused attention in bf16. The float32 weights stay too (1.5× the weight
 * memory): the explicit attention, LayerNorms, patch embedding and the gradient passes use them.
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
    private final TorchKernel kernel;

    private Dinov2Encoder(Builder b) {
        this.config = b.config;
        this.target = b.target;
        this.kernel = b.kernel;
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
        return load(checkpoint, target, true);
    }

    /**
     * As {@link #load(Dinov2Checkpoint, ComputeTarget)}; {@code fusedAttention} false keeps the explicit attention
     * for every forward (the reference path; tests compare both against the goldens).
     */
    public static Dinov2Encoder load(Dinov2Checkpoint checkpoint, ComputeTarget target, boolean fusedAttention)
            throws IOException {
        return build(checkpoint.config(), target, checkpoint.sha256().orElse(null), fusedAttention, name -> {
            float[] f = checkpoint.floats(name);
            return new ParamData(f, checkpoint.parameters().get(name).shape());
        });
    }

    /** Builds from any parameter source (used by the benchmark's seeded random weights and by tests). */
    public static Dinov2Encoder build(Dinov2Config config, ComputeTarget target, String sha256, ParamSource source)
            throws IOException {
        return build(config, target, sha256, true, source);
    }

    /** As above; {@code fusedAttention} false keeps the explicit attention for every forward. */
    public static Dinov2Encoder build(Dinov2Config config, ComputeTarget target, String sha256, boolean fusedAttention,
                                      ParamSource source) throws IOException {
        TorchEngine.get(); // loads libtorch; its thread count is the composition root's choice (TorchEngine.configure)
        NDManager manager = NDManager.newBaseManager(target.device(), TorchEngine.NAME);
        TorchKernel kernel = null;
        ComputeTarget actual = target;
        if (target.isCpu() && (fusedAttention || target.cpuBf16())) {
            try {
                kernel = TorchKernel.load(target.cpuBf16());
            } catch (KernelUnavailableException e) {
                // the explicit float32 path computes the same numbers; the target says why it is used
                actual = new ComputeTarget(target.device(), org.raylens.inference.encoder.Precision.FP32,
                        "CPU, float32, explicit attention (" + e.getMessage() + ")");
            }
        }
        try {
            Builder b = new Builder(config, actual, manager, source, sha256, kernel, fusedAttention);
            return new Dinov2Encoder(b);
        } catch (IOException | RuntimeException e) {
            manager.close();
            if (kernel != null) {
                kernel.close();
            }
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
        if (kernel != null) {
            kernel.close();
        }
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
        final TorchKernel kernel;

        Builder(Dinov2Config c, ComputeTarget target, NDManager manager, ParamSource source, String sha256,
                TorchKernel kernel, boolean fusedAttention) throws IOException {
            this.kernel = kernel;
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
                SelfAttention attn = new SelfAttention(linear(qkvW, qkvB),
                        linear(param(p + "attn.proj.weight"), param(p + "attn.proj.bias")), c.numHeads(),
                        fold ? 1f : qScale, fusedAttention ? kernel : null);
                LayerScale ls1 = c.layerScale() ? LayerScale.of(param(p + "ls1.gamma")) : LayerScale.identity();
                LayerScale ls2 = c.layerScale() ? LayerScale.of(param(p + "ls2.gamma")) : LayerScale.identity();
                LayerNorm n2 = new LayerNorm(param(p + "norm2.weight"), param(p + "norm2.bias"), c.layerNormEps());
                FeedForward ff = c.feedForward() == FeedForwardKind.SWIGLU
                        ? new FeedForward.SwiGlu(linear(param(p + "mlp.w12.weight"), param(p + "mlp.w12.bias")),
                        linear(param(p + "mlp.w3.weight"), param(p + "mlp.w3.bias")))
                        : new FeedForward.GeluMlp(linear(param(p + "mlp.fc1.weight"), param(p + "mlp.fc1.bias")),
                        linear(param(p + "mlp.fc2.weight"), param(p + "mlp.fc2.bias")));
                blocks.add(new TransformerBlock(n1, attn, ls1, n2, ff, ls2));
            }
            finalNorm = new LayerNorm(param("norm.weight"), param("norm.bias"), c.layerNormEps());
        }

        /** A linear layer; in the bf16 fast mode the kernel holds it (its bf16 weight is made here, once). */
        private Linear linear(NDArray weight, NDArray bias) {
            Linear l = new Linear(weight, bias);
            return kernel != null && kernel.bf16() ? l.heldBy(kernel) : l;
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
            if (target.tensorType() != DataType.FLOAT32) {
                NDArray cast = a.toType(target.tensorType(), false);
                a.close();
                a = cast;
            }
            a.setName(name);
            return a;
        }
    }
}
