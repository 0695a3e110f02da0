package org.raylens.inference.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Multi-head self-attention as DINOv2 computes it: one fused qkv linear, q scaled by 1/√head_dim before q·kᵀ,
 * softmax over keys, probabilities · v, output projection.
 *
 * <p>Layout choices are for speed on CPU: the (B, N, 3, heads, hd) qkv is permuted once into a contiguous
 * (3·B·heads, N, hd) block so q, k and v are contiguous slices and every matmul is a plain batched GEMM; kᵀ is
 * materialised contiguously (cheap: N·D floats) rather than handed to BLAS as a strided view; the scaling is done
 * in place on q. The probabilities are returned only when the caller keeps them.
 */
final class SelfAttention {
    private final Linear qkv;
    private final Linear proj;
    private final int heads;
    private final float scale;

    SelfAttention(Linear qkv, Linear proj, int heads, int headDim) {
        this.qkv = qkv;
        this.proj = proj;
        this.heads = heads;
        this.scale = (float) Math.pow(headDim, -0.5);
    }

    /** @return [output (B, N, D)] or [output, probabilities (B, heads, N, N)] when {@code keepProbabilities} */
    NDList apply(NDArray x, boolean keepProbabilities) {
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);
        long d = x.getShape().get(2);
        long hd = d / heads;
        NDArray fused = qkv.apply(x);
        NDArray heads3 = fused.reshape(b, n, 3, heads, hd).transpose(2, 0, 3, 1, 4).reshape(3 * b * heads, n, hd);
        fused.close();
        NDList qkvParts = heads3.split(3, 0);
        NDArray q = qkvParts.get(0).muli(scale);
        NDArray kT = qkvParts.get(1).transpose(0, 2, 1).reshape(b * heads, hd, n);
        NDArray v = qkvParts.get(2);
        NDArray scores = q.matMul(kT);
        kT.close();
        NDArray probs = scores.softmax(-1);
        scores.close();
        NDArray ctx = probs.matMul(v);
        heads3.close();
        NDArray merged = ctx.reshape(b, heads, n, hd).transpose(0, 2, 1, 3).reshape(b, n, d);
        ctx.close();
        NDArray out = proj.apply(merged);
        merged.close();
        if (keepProbabilities) {
            return new NDList(out, probs.reshape(b, heads, n, n));
        }
        probs.close();
        return new NDList(out);
    }
}
