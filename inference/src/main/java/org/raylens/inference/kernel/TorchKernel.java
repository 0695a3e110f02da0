package org.raylens.inference.kernel;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

/**
 * RayLens's own TorchScript module ({@code RayLensKernel.py}, assembled by {@link KernelArchive}) loaded into DJL's
 * libtorch on the CPU: the two things DJL's JNI cannot do for us.
 * <ul>
 *   <li>{@link #attend} runs libtorch's fused {@code scaled_dot_product_attention} (DJL binds no SDPA): the
 *       attention of a forward that keeps no maps, without materialising the N×N probabilities;</li>
 *   <li>in bf16 mode, {@link #hold} keeps a bf16 copy of a linear layer's weight inside the module (converted once)
 *       and {@link #linear} multiplies in bf16. A bf16 tensor must never become a DJL NDArray (that ends the JVM in
 *       DJL 0.35/0.36), so only float32 tensors cross: activations in, results out.</li>
 * </ul>
 * The kernel is for forwards outside autograd: callers ask {@link #outsideAutograd()} and keep a DJL path for passes
 * that record gradients (DJL runs a module's methods without recording them, and its {@code hasGradient()} reports
 * false for intermediate tensors of a recorded graph, so grad mode is the test). Safe to call from several threads
 * once every {@link #hold} is done; close it with its encoder.
 */
public final class TorchKernel implements AutoCloseable {
    private final Model model;
    private final PtSymbolBlock block;
    private final boolean bf16;

    private TorchKernel(Model model, boolean bf16) {
        this.model = model;
        this.block = (PtSymbolBlock) model.getBlock();
        this.bf16 = bf16;
    }

    /**
     * Compiles the kernel in this process's libtorch.
     *
     * @param bf16 multiply in bf16 (weights held once in bf16); otherwise float32 throughout
     * @throws KernelUnavailableException when this libtorch cannot compile or load it
     */
    public static TorchKernel load(boolean bf16) {
        Model model = Model.newInstance("raylens-kernel" + (bf16 ? "-bf16" : ""), Device.cpu(), "PyTorch");
        try {
            model.load(new ByteArrayInputStream(KernelArchive.build(bf16)), Map.of());
            return new TorchKernel(model, bf16);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new KernelUnavailableException("libtorch could not load RayLens's TorchScript kernel: "
                    + e.getMessage(), e);
        }
    }

    /**
     * True when libtorch's grad mode is off on this thread: nothing is being recorded, so the kernel may run. Fast
     * paths enter a no-grad scope; a GradientCollector turns grad mode on.
     */
    public static boolean outsideAutograd() {
        return !JniUtils.isGradMode();
    }

    /** True when the linears and attention multiply in bf16. */
    public boolean bf16() {
        return bf16;
    }

    /**
     * Keeps a linear layer (a bf16 copy of the weight in bf16 mode, the same tensor otherwise; the float32 bias).
     *
     * @param bias the bias, or null for none
     * @return the slot to pass to {@link #linear}
     */
    public int hold(NDArray weight, NDArray bias) {
        NDArray b = bias != null ? bias : weight.getManager().zeros(new Shape(weight.getShape().get(0)));
        try (IValue w = IValue.from((PtNDArray) weight); IValue bv = IValue.from((PtNDArray) b);
             IValue slot = IValueUtils.runMethod(block, "hold", w, bv)) {
            return Math.toIntExact(slot.toLong());
        }
    }

    /** x·Wᵀ + b with a held layer; the result is a new float32 array in x's manager. */
    public NDArray linear(NDArray x, int slot, long outFeatures) {
        long[] shape = x.getShape().getShape().clone();
        shape[shape.length - 1] = outFeatures;
        NDArray out = x.getManager().create(new Shape(shape), DataType.FLOAT32);
        run("linear", out, IValue.from((PtNDArray) x), IValue.from((long) slot), IValue.from((PtNDArray) out));
        return out;
    }

    /**
     * Fused attention from a fused q|k|v projection.
     *
     * @param qkv   (B, N, 3·D) float32, rows q|k|v with heads inside each, as DINOv2's qkv linear writes them
     * @param scale the factor on q·kᵀ (1 where 1/√head_dim was folded into the q weights)
     * @return (B, N, D) float32 in qkv's manager: the heads' contexts side by side, ready for the output projection
     */
    public NDArray attend(NDArray qkv, int heads, float scale) {
        Shape s = qkv.getShape();
        NDArray out = qkv.getManager().create(new Shape(s.get(0), s.get(1), s.get(2) / 3), DataType.FLOAT32);
        run("attend", out, IValue.from((PtNDArray) qkv), IValue.from((long) heads), IValue.from((double) scale),
                IValue.from((PtNDArray) out));
        return out;
    }

    /** Fused attention of (B, heads, N, head_dim) q, k, v: returns (B, heads, N, head_dim) float32 in q's manager. */
    public NDArray attendHeads(NDArray q, NDArray k, NDArray v, float scale) {
        NDArray out = q.getManager().create(q.getShape(), DataType.FLOAT32);
        run("attend_heads", out, IValue.from((PtNDArray) q), IValue.from((PtNDArray) k), IValue.from((PtNDArray) v),
                IValue.from((double) scale), IValue.from((PtNDArray) out));
        return out;
    }

    /**
     * Runs a method that writes into {@code out}, a float32 array made here: DJL runs module methods in inference
     * mode, and a tensor the method created would be an inference tensor that later in-place operations refuse.
     */
    private void run(String method, NDArray out, IValue... args) {
        try {
            IValueUtils.runMethod(block, method, args).close();
        } catch (RuntimeException e) {
            out.close();
            throw e;
        } finally {
            for (IValue a : args) {
                a.close();
            }
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
