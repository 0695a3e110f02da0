package org.raylens.inference.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.raylens.inference.encoder.TorchEngine;

import java.util.Arrays;

/**
 * The machine's achievable dense float32 rate right now: an n×n·n×n libtorch matmul (through DJL, with the same
 * thread settings as the encoder). Measured in the same run as the encoder, because on a shared machine the absolute
 * rate moves 2–3× with other load; only ratios taken close together in time are meaningful.
 */
public final class GemmProbe implements AutoCloseable {
    private final int n;
    private final NDManager manager;
    private final NDArray a;
    private final NDArray b;

    public GemmProbe(int n) {
        TorchEngine.get();
        this.n = n;
        this.manager = NDManager.newBaseManager(TorchEngine.NAME);
        this.a = manager.randomNormal(new Shape(n, n));
        this.b = manager.randomNormal(new Shape(n, n));
        a.matMul(b).close();
    }

    /** One timed product, in GFLOP/s. */
    public double once() {
        long t0 = System.nanoTime();
        NDArray c = a.matMul(b);
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
    }
}
