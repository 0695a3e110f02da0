package org.raylens.inference.family.evax;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.raylens.inference.encoder.Linear;

/**
 * EVA-X's attention: q, k, v with biases on q and v only (k's is zero), EVA-02's interleaved RoPE on the patch
 * tokens of q and k (the CLS token is not rotated), q scaled by 1/√head_dim after the rotation, softmax over keys,
 * probabilities · v, output projection. Ti/S hold q, k, v in one fused weight (the bias is cat(q_bias, 0, v_bias),
 * built once at load time); B has three projections. Every operation is out of place, so the same code records
 * gradients for Grad-CAM.
 */
final class EvaxAttention {
    /** Either one fused projection (Ti/S) or three (B). */
    private final Linear qkv;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear proj;
    private final int heads;
    private final float scale;

    private EvaxAttention(Linear qkv, Linear q, Linear k, Linear v, Linear proj, int heads, int headDim) {
        this.qkv = qkv;
        this.q = q;
        this.k = k;
        this.v = v;
        this.proj = proj;
        this.heads = heads;
        this.scale = (float) Math.pow(headDim, -0.5);
    }

    /** @param qkv weight (3D, D) with the bias cat(q_bias, zeros, v_bias) */
    static EvaxAttention fused(Linear qkv, Linear proj, int heads, int headDim) {
        return new EvaxAttention(qkv, null, null, null, proj, heads, headDim);
    }

    /** @param k without a bias (EVA-X's k bias is zero) */
    static EvaxAttention separate(Linear q, Linear k, Linear v, Linear proj, int heads, int headDim) {
        return new EvaxAttention(null, q, k, v, proj, heads, headDim);
    }

    /**
     * @param cos           (1 + patches, head_dim) RoPE cos table of this grid, CLS row first (all ones)
     * @param signedSin     (1 + patches, head_dim) RoPE sin table with rot()'s sign folded in, CLS row first (zeros)
     * @param probabilities where to copy the (B, heads, N, N) probabilities, or null
     */
    NDArray apply(NDArray x, NDArray cos, NDArray signedSin, float[] probabilities) {
        long b = x.getShape().get(0);
        long n = x.getShape().get(1);
        long d = x.getShape().get(2);
        long hd = d / heads;
        NDArray qh;
        NDArray kh;
        NDArray vh;
        if (qkv != null) {
            NDArray perHead = qkv.apply(x).reshape(b, n, 3, heads, hd).transpose(2, 0, 3, 1, 4);
            qh = perHead.get(0);
            kh = perHead.get(1);
            vh = perHead.get(2);
        } else {
            qh = split(q.apply(x), b, n, hd);
            kh = split(k.apply(x), b, n, hd);
            vh = split(v.apply(x), b, n, hd);
        }
        NDArray qr = rotate(qh, cos, signedSin, b, n, hd).mul(scale);
        NDArray kr = rotate(kh, cos, signedSin, b, n, hd);
        NDArray scores = qr.matMul(kr.transpose(0, 1, 3, 2));
        NDArray p = scores.softmax(-1);
        if (probabilities != null) {
            NDArray f = p.getDataType() == DataType.FLOAT32 ? p : p.toType(DataType.FLOAT32, false);
            float[] values = f.toFloatArray();
            System.arraycopy(values, 0, probabilities, 0, values.length);
        }
        NDArray context = p.matMul(vh).transpose(0, 2, 1, 3).reshape(b, n, d);
        return proj.apply(context);
    }

    private NDArray split(NDArray t, long b, long n, long hd) {
        return t.reshape(b, n, heads, hd).transpose(0, 2, 1, 3);
    }

    /**
     * x·cos + rot(x)·sin over all tokens of (B, heads, N, hd). The tables' first row belongs to CLS and is cos = 1,
     * sin = 0, which leaves CLS exactly as it is (x·1 + y·0 = x) without slicing it off and concatenating it back:
     * fewer operations per block, which matters on a busy CPU where each one waits for its threads.
     */
    private NDArray rotate(NDArray t, NDArray cos, NDArray signedSin, long b, long n, long hd) {
        NDArray swapped = t.reshape(b, heads, n, hd / 2, 2).flip(4).reshape(b, heads, n, hd);
        return t.mul(cos).add(swapped.mul(signedSin));
    }
}
