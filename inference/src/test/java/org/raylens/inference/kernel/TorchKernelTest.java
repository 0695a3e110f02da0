package org.raylens.inference.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.raylens.inference.encoder.TorchEngine;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel archive loads in DJL's libtorch and computes what the explicit DJL operations compute. */
class TorchKernelTest {

    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) r.nextGaussian();
        }
        return f;
    }

    private static double maxAbsDiff(NDArray a, NDArray b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        assertEquals(x.length, y.length);
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    /** softmax(q·kᵀ·scale)·v per head, as SelfAttention's explicit path computes it. */
    private static NDArray explicitAttention(NDArray qkv, int heads, float scale) {
        long b = qkv.getShape().get(0);
        long n = qkv.getShape().get(1);
        long d = qkv.getShape().get(2) / 3;
        NDArray parts = qkv.reshape(b, n, 3, heads, d / heads).transpose(2, 0, 3, 1, 4);
        NDArray q = parts.get(0).mul(scale);
        NDArray k = parts.get(1);
        NDArray v = parts.get(2);
        NDArray p = q.matMul(k.transpose(0, 1, 3, 2)).softmax(-1);
        return p.matMul(v).transpose(0, 2, 1, 3).reshape(b, n, d);
    }

    @Test
    void fusedAttentionMatchesExplicitAttention() {
        TorchEngine.get();
        try (TorchKernel kernel = TorchKernel.load(false); NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
            int b = 2, n = 37, heads = 3, hd = 16;
            NDArray qkv = m.create(random(b * n * 3 * heads * hd, 1), new Shape(b, n, 3L * heads * hd));
            NDArray fused = kernel.attend(qkv, heads, 0.25f);
            NDArray explicit = explicitAttention(qkv, heads, 0.25f);
            assertArrayEquals(explicit.getShape().getShape(), fused.getShape().getShape());
            assertEquals(DataType.FLOAT32, fused.getDataType());
            double d = maxAbsDiff(explicit, fused);
            assertTrue(d < 1e-5, "SDPA vs explicit max|d| " + d);
        }
    }

    @Test
    void float32LinearIsTorchLinearAndBf16LinearIsCloseInFloat32() {
        TorchEngine.get();
        try (TorchKernel fp32 = TorchKernel.load(false); TorchKernel bf16 = TorchKernel.load(true);
             NDManager m = NDManager.newBaseManager(TorchEngine.NAME)) {
            NDArray w = m.create(random(24 * 64, 2), new Shape(24, 64));
            NDArray bias = m.create(random(24, 3), new Shape(24));
            NDArray x = m.create(random(2 * 5 * 64, 4), new Shape(2, 5, 64));
            NDArray ref = x.getNDArrayInternal().linear(x, w, bias).singletonOrThrow();
            NDArray exact = fp32.linear(x, fp32.hold(w, bias), 24);
            assertEquals(0.0, maxAbsDiff(ref, exact), "the float32 kernel is torch.linear itself");
            int slot = bf16.hold(w, null);
            assertEquals(0, slot);
            NDArray approx = bf16.linear(x, bf16.hold(w, bias), 24);
            assertEquals(DataType.FLOAT32, approx.getDataType(), "only float32 crosses into DJL");
            approx.addi(1f).subi(1f); // results are ordinary tensors: in-place updates work outside inference mode
            exact.muli(1f);
            double d = maxAbsDiff(ref, approx);
            // inputs and weights rounded to 8 significant bits: |y| ≈ 8 here, so errors of a few 1e-2
            assertTrue(d > 0 && d < 0.2, "bf16 linear max|d| " + d);
            assertTrue(bf16.bf16() && !fp32.bf16());
        }
    }

    @Test
    void theArchiveCarriesTheRepositorySourceAndTheModeInItsPickle() {
        String src = KernelArchive.source();
        assertTrue(src.contains("class RayLensKernel(Module):"));
        assertTrue(src.contains("torch.scaled_dot_product_attention"));
        byte[] on = KernelArchive.modulePickle(true);
        byte[] off = KernelArchive.modulePickle(false);
        assertEquals(on.length, off.length);
        assertTrue(new String(on, java.nio.charset.StandardCharsets.ISO_8859_1).contains("__torch__\nRayLensKernel\n"));
    }
}
