package org.raylens.inference.family.dinov2;

import org.raylens.inference.bench.GemmProbe;
import org.raylens.inference.bench.ProcessCpu;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.FloatTensor;
import org.raylens.inference.encoder.ForwardOptions;

import java.util.Arrays;
import java.util.SplittableRandom;

/** One-off: RAD-DINO geometry, fp32, explicit vs fused attention, alternating, wall and CPU ms (not a test). */
public final class SdpaTimingProbe {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        Dinov2Config c = Dinov2Config.radDino();
        float[] data = new float[3 * 518 * 518];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (r.nextDouble() * 4 - 2);
        }
        FloatTensor in = new FloatTensor(data, new long[]{1, 3, 518, 518});
        try (Dinov2Encoder explicit = Dinov2Encoder.build(c, ComputeTarget.cpu(), null, false, new SyntheticWeights(c, 1));
             Dinov2Encoder fused = Dinov2Encoder.build(c, ComputeTarget.cpu(), null, true, new SyntheticWeights(c, 1));
             EncoderPredictor pe = explicit.newPredictor(); EncoderPredictor pf = fused.newPredictor();
             GemmProbe gemm = new GemmProbe(2048)) {
            float[] a = pe.forward(in, ForwardOptions.defaults()).lastHiddenState().data();
            float[] b = pf.forward(in, ForwardOptions.defaults()).lastHiddenState().data();
            double d = 0;
            for (int i = 0; i < a.length; i++) {
                d = Math.max(d, Math.abs(a[i] - b[i]));
            }
            System.out.println("max|d| explicit vs fused, last hidden state: " + d);
            double[][] w = new double[2][runs], cpu = new double[2][runs];
            double[] g = new double[runs];
            for (int i = 0; i < runs; i++) {
                g[i] = gemm.once();
                for (int k = 0; k < 2; k++) {
                    EncoderPredictor p = k == 0 ? pe : pf;
                    long c0 = ProcessCpu.nanos();
                    long t0 = System.nanoTime();
                    p.forward(in, ForwardOptions.defaults());
                    w[k][i] = (System.nanoTime() - t0) / 1e6;
                    cpu[k][i] = (ProcessCpu.nanos() - c0) / 1e6;
                }
                System.out.printf("run %d: GEMM %.1f GFLOP/s; explicit %.0f ms wall %.0f ms CPU; fused %.0f ms wall %.0f ms CPU%n",
                        i, g[i], w[0][i], cpu[0][i], w[1][i], cpu[1][i]);
            }
            for (double[] x : new double[][]{w[0], w[1], cpu[0], cpu[1], g}) {
                Arrays.sort(x);
            }
            System.out.printf("median: explicit %.0f ms wall / %.0f ms CPU; fused %.0f ms wall / %.0f ms CPU; GEMM %.1f GFLOP/s%n",
                    w[0][runs / 2], cpu[0][runs / 2], w[1][runs / 2], cpu[1][runs / 2], g[runs / 2]);
        }
    }
}
