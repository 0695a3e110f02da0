package org.raylens.inference.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.raylens.inference.encoder.TorchEngine;
import org.raylens.inference.kernel.TorchKernel;

import java.util.Arrays;

/**
 * The machine's achievable dense float32 rate right now: an n×n·n×n libtorch matmul (through DJL, with the same
 * thread settings as the encoder). Measured in the same run as the encoder, because on a shared machine the absolute
 * rate moves 2–3× with other load; only ratios taken close together in time are meaningful. {@link #bf16} probes the
 * bf16 rate the same way, through RayLens's kernel (bf16 cannot cross into DJL): the product runs in bf16 with the
 * right factor held in bf16 and the left one converted per product, as the encoder's bf16 linears do.
 */
public final class GemmProbe implements AutoCloseable {
    private final int n;
    private final NDManager manager;
    private final NDArray a;
    private final NDArray b;
    private final TorchKernel kernel;
    private final int slot;

    /** A float32 probe. */
    public GemmProbe(int n) {
        this(n, false);
    }

    private GemmProbe(int n, boolean bf16) {
        TorchEngine.get();
        this.n = n;
        this.manager = NDManager.newBaseManager(TorchEngine.NAME);
        this.a = manager.randomNormal(new Shape(n, n));
        this.b = manager.randomNormal(new Shape(n, n));
        this.kernel = bf16 ? TorchKernel.load(true) : null;
        this.slot = bf16 ? kernel.hold(b, null) : -1;
        product().close();
    }

    /** A bf16 probe through the kernel (the rate libtorch reaches here, native bf16 or emulated). */
    public static GemmProbe bf16(int n) {
        return new GemmProbe(n, true);
    }

    private NDArray product() {
        return kernel == null ? a.matMul(b) : kernel.linear(a, slot, n);
    }

    /** One timed product, in GFLOP/s. */
    public double once() {
        long t0 = System.nanoTime();
        NDArray c = product();
        // the CPU engine is synchronous; reading one value makes sure the product is complete
        c.getFloat(0, 0);
        double s = (System.nanoTime() - t0) / 1e9;
        c.close();
        return 2.0 * n * n * n / s / 1e9;
    }

    /** Median of {@code runs} products, in GFLOP/s. */
    public double median(int runs) {
        double[] g = new double[runs];
        for (int i = 0; i < runs; i++) {
            g[i] = once();
        }
        Arrays.sort(g);
        return g[runs / 2];
    }

    @Override
    public void close() {
        manager.close();
        if (kernel != null) {
            kernel.close();
        }
    }
}
