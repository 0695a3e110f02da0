package org.raylens.inference.family.evax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.FeedForward;
import org.raylens.inference.encoder.LayerNorm;
import org.raylens.inference.encoder.Linear;
import org.raylens.inference.encoder.PatchEmbedding;
import org.raylens.inference.encoder.PositionEmbeddingInterpolation;
import org.raylens.inference.encoder.TorchEngine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An EVA-X ViT with its weights resident in libtorch memory: patch embedding, CLS, learned absolute position
 * embedding, the blocks and fc_norm ({@code model.norm} is the identity when pooling by the mean, as EVA-X always
 * does). Immutable after construction and shared between threads; each thread runs through its own
 * {@link EvaxSession}. Position embeddings and RoPE tables are cached per input geometry.
 */
final class EvaxEncoder implements AutoCloseable {
    /** Supplies one parameter by its EVA-X name as float32 in C order (its shape is {@link EvaxKeys#expected}'s). */
    @FunctionalInterface
    interface ParamSource {
        float[] floats(String name) throws IOException;
    }

    private final EvaxConfig config;
    private final ComputeTarget target;
    private final NDManager weights;
    private final PatchEmbedding patchEmbedding;
    private final NDArray clsToken;
    private final float[] positionEmbedding;
    private final List<EvaxBlock> blocks;
    private final LayerNorm fcNorm;
    private final EvaxPooling pooling;
    private final Map<String, float[]> positionCache = new ConcurrentHashMap<>();
    private final Map<String, RotaryTables> ropeCache = new ConcurrentHashMap<>();

    private EvaxEncoder(EvaxConfig config, ComputeTarget target, NDManager weights, ParamSource source)
            throws IOException {
        this.config = config;
        this.target = target;
        this.weights = weights;
        Map<String, long[]> shapes = EvaxKeys.expected(config);
        Params p = new Params(weights, target, source, shapes);
        patchEmbedding = new PatchEmbedding(p.get("patch_embed.proj.weight"), p.get("patch_embed.proj.bias"),
                config.patchSize());
        clsToken = p.get("cls_token");
        positionEmbedding = source.floats("pos_embed");
        List<EvaxBlock> bs = new ArrayList<>();
        double eps = config.layerNormEps();
        for (int i = 0; i < config.layers(); i++) {
            String b = "blocks." + i + ".";
            bs.add(new EvaxBlock(new LayerNorm(p.get(b + "norm1.weight"), p.get(b + "norm1.bias"), eps),
                    attention(p, b), new LayerNorm(p.get(b + "norm2.weight"), p.get(b + "norm2.bias"), eps),
                    feedForward(p, b)));
        }
        blocks = List.copyOf(bs);
        fcNorm = new LayerNorm(p.get("fc_norm.weight"), p.get("fc_norm.bias"), eps);
        pooling = new EvaxPooling(source.floats("fc_norm.weight"), source.floats("fc_norm.bias"), eps);
    }

    static EvaxEncoder build(EvaxConfig config, ComputeTarget target, ParamSource source) throws IOException {
        TorchEngine.get(); // loads libtorch; its thread count is the composition root's choice
        NDManager manager = NDManager.newBaseManager(target.device(), TorchEngine.NAME);
        try {
            return new EvaxEncoder(config, target, manager, source);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private EvaxAttention attention(Params p, String b) throws IOException {
        int heads = config.heads();
        int hd = config.headDim();
        Linear proj = new Linear(p.get(b + "attn.proj.weight"), p.get(b + "attn.proj.bias"));
        if (config.subLn()) {
            return EvaxAttention.separate(new Linear(p.get(b + "attn.q_proj.weight"), p.get(b + "attn.q_bias")),
                    new Linear(p.get(b + "attn.k_proj.weight"), null),
                    new Linear(p.get(b + "attn.v_proj.weight"), p.get(b + "attn.v_bias")), proj, heads, hd);
        }
        int d = config.hiddenSize();
        float[] bias = new float[3 * d];
        System.arraycopy(p.source.floats(b + "attn.q_bias"), 0, bias, 0, d);
        System.arraycopy(p.source.floats(b + "attn.v_bias"), 0, bias, 2 * d, d);
        return EvaxAttention.fused(new Linear(p.get(b + "attn.qkv.weight"), p.create(bias, new long[]{3L * d})),
                proj, heads, hd);
    }

    private FeedForward feedForward(Params p, String b) throws IOException {
        Linear w3 = new Linear(p.get(b + "mlp.w3.weight"), p.get(b + "mlp.w3.bias"));
        if (config.subLn()) {
            return new FeedForward.SplitSwiGlu(new Linear(p.get(b + "mlp.w1.weight"), p.get(b + "mlp.w1.bias")),
                    new Linear(p.get(b + "mlp.w2.weight"), p.get(b + "mlp.w2.bias")),
                    new LayerNorm(p.get(b + "mlp.ffn_ln.weight"), p.get(b + "mlp.ffn_ln.bias"), config.layerNormEps()),
                    w3);
        }
        // EVA-X's packed SwiGLU: w1 is rows [0, H) of w12 and w2 rows [H, 2H), as DINOv2's fused SwiGLU splits it
        return new FeedForward.SwiGlu(new Linear(p.get(b + "mlp.w12.weight"), p.get(b + "mlp.w12.bias")), w3);
    }

    EvaxConfig config() {
        return config;
    }

    ComputeTarget target() {
        return target;
    }

    NDManager weightsManager() {
        return weights;
    }

    PatchEmbedding patchEmbedding() {
        return patchEmbedding;
    }

    NDArray clsToken() {
        return clsToken;
    }

    List<EvaxBlock> blocks() {
        return blocks;
    }

    LayerNorm fcNorm() {
        return fcNorm;
    }

    /** The pooled feature as a hook for heads: fc_norm(mean of patches) with its own copy of fc_norm. */
    EvaxPooling pooling() {
        return pooling;
    }

    /** (1 + rows·cols) × D position embedding for an input of that size (bicubic, as EVA-X's load_weights_for_eva). */
    float[] positionEmbeddingFor(int height, int width, int rows, int cols, PositionEmbeddingInterpolation variant) {
        return positionCache.computeIfAbsent(variant + ":" + height + "x" + width, k ->
                variant.interpolate(positionEmbedding, config.hiddenSize(), height, width, rows, cols));
    }

    RotaryTables rope(int rows, int cols) {
        return ropeCache.computeIfAbsent(rows + "x" + cols, k -> RotaryTables.of(rows, cols, config.headDim(),
                config.ropePt()));
    }

    int liveArrayCount() {
        return weights.getManagedArrays().size();
    }

    @Override
    public void close() {
        weights.close();
    }

    /** Creates parameters in the weights manager on the target's device and precision, checking each shape. */
    private static final class Params {
        final NDManager manager;
        final ComputeTarget target;
        final ParamSource source;
        final Map<String, long[]> shapes;

        Params(NDManager manager, ComputeTarget target, ParamSource source, Map<String, long[]> shapes) {
            this.manager = manager;
            this.target = target;
            this.source = source;
            this.shapes = shapes;
        }

        NDArray get(String name) throws IOException {
            NDArray a = create(source.floats(name), shapes.get(name));
            a.setName(name);
            return a;
        }

        NDArray create(float[] values, long[] shape) {
            NDArray a = manager.create(values, new Shape(shape));
            DataType dtype = target.tensorType();
            if (dtype != DataType.FLOAT32) {
                NDArray cast = a.toType(dtype, false);
                a.close();
                a = cast;
            }
            return a;
        }
    }
}
