package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.raylens.inference.kernel.TorchKernel;

/**
 * Multi-head self-attention as DINOv2 computes it: one fused qkv linear, q scaled by 1/√head_dim before q·kᵀ,
 * softmax over keys, probabilities · v, output projection.
 *
 * <p>Layout choices are for speed on CPU, each measured on ViT-B at 1370 tokens:
 * <ul>
 *   <li>q, k, v and kᵀ of each head are strided views into the fused qkv output (no copies): BLAS takes the row
 *       stride and the transposition as arguments; forcing contiguous copies measured no better;</li>
 *   <li>attention runs one head at a time: that head's N×N scores (7.5 MB at N = 1370) stay in the last-level cache
 *       between q·kᵀ, softmax and ·v, instead of streaming all heads' 90 MB through memory three times
 *       (≈ 30 % faster than one batched matmul-softmax-matmul here);</li>
 *   <li>per-head contexts are concatenated along channels, which is already the merged (N, heads·hd) layout;</li>
 *   <li>probabilities that the caller keeps are copied straight out of the cache-hot head into the output array
 *       ({@link AttentionCopy}: every row, or only the query rows asked for), so keeping maps costs one copy and no
 *       extra native memory.</li>
 * </ul>
 * A forward that keeps no probabilities and records no gradients goes to {@link TorchKernel#attend}, libtorch's
 * fused scaled-dot-product attention, when the layer was given a kernel: the N×N probabilities are never
 * materialised. The explicit path above stays for maps, for gradients and as the reference the goldens test.
 */
public final class SelfAttention {
    private final Linear qkv;
    private final Linear proj;
    private final int heads;
    /** 1/√head_dim applied to q at run time, or 1 when it was folded into the q rows of the qkv weights. */
    private final float scale;
    /** Fused attention for forwards without maps, or null for the explicit path always. */
    private final TorchKernel kernel;

    public SelfAttention(Linear qkv, Linear proj, int heads, float runtimeScale) {
        this(qkv, proj, heads, runtimeScale, null);
    }

    /** @param kernel runs the attention of forwards that keep no maps (fused), or null for the explicit path always */
    public SelfAttention(Linear qkv, Linear proj, int heads, float runtimeScale, TorchKernel kernel) {
        this.qkv = qkv;
        this.proj = proj;
        this.heads = heads;
        this.scale = runtimeScale;
        this.kernel = kernel;
    }

    /**
     * 1/√head_dim is a power of two for the usual head sizes (64 → 1/8), and then scaling the q rows of the qkv weight
     * and bias once at load time gives bit-identical q (a power-of-two factor commutes with rounding) and saves a pass
     * per layer. Otherwise q is scaled at run time, as DINOv2 does.
     */
    public static boolean scaleFoldsExactly(int headDim) {
        float s = (float) Math.pow(headDim, -0.5);
        return s == Math.scalb(1f, Math.getExponent(s)) && (double) s * s * headDim == 1.0;
    }

    public static float scaleFor(int headDim) {
        return (float) Math.pow(headDim, -0.5);
    }

    /**
     * @param probabilities where to copy softmax(q·kᵀ/√d) as (B, heads, N, N) float32, or null not to keep them
     * @return the attention output (B, N, D)
     */
    public NDArray apply(NDArray x, float[] probabilities) {
        return apply(x, probabilities == null ? null : AttentionCopy.all(probabilities));
    }

    /**
     * @param probabilities where to copy softmax(q·kᵀ/√d) (all rows or some query rows), or null not to keep them
     * @return the attention output (B, N, D)
     */
    public NDArray apply(NDArray x, AttentionCopy probabilities) {
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);
        long d = x.getShape().get(2);
        long hd = d / heads;
        NDArray fused = qkv.apply(x);
        if (probabilities == null && kernel != null && TorchKernel.outsideAutograd()) {
            NDArray context = kernel.attend(fused, heads, scale);
            fused.close();
            NDArray out = proj.apply(context);
            context.close();
            return out;
        }
        NDArray perHead = fused.reshape(b, n, 3, heads, hd).transpose(2, 0, 3, 1, 4).reshape(3 * b * heads, n, hd);
        fused.close();
        NDList qkvParts = perHead.split(3, 0);
        // out of place: autograd forbids in-place changes to views returned by split (Grad-CAM runs through here)
        NDArray q = scale == 1f ? qkvParts.get(0) : qkvParts.get(0).mul(scale);
        NDArray kT = qkvParts.get(1).transpose(0, 2, 1).reshape(b * heads, hd, n);
        NDArray v = qkvParts.get(2);
        NDList perImage = new NDList();
        for (int img = 0; img < b; img++) {
            NDList contexts = new NDList();
            for (int h = 0; h < heads; h++) {
                int i = img * heads + h;
                NDArray qi = q.get(i);
                NDArray ki = kT.get(i);
                NDArray vi = v.get(i);
                NDArray scores = qi.matMul(ki);
                NDArray p = scores.softmax(1);
                scores.close();
                if (probabilities != null) {
                    probabilities.copy(p, i, n);
                }
                contexts.add(p.matMul(vi));
                p.close();
                qi.close();
                ki.close();
                vi.close();
            }
            perImage.add(NDArrays.concat(contexts, 1).expandDims(0));
            contexts.close();
        }
        kT.close();
        perHead.close();
        NDArray merged = perImage.size() == 1 ? perImage.get(0) : NDArrays.concat(perImage, 0);
        NDArray out = proj.apply(merged);
        perImage.close();
        merged.close();
        return out;
    }
}
