package org.raylens.inference.family.dinov2;

import org.raylens.inference.encoder.LayerScale;

import org.raylens.inference.family.dinov2.Dinov2Encoder;
import org.raylens.inference.family.dinov2.Dinov2Config;
import org.raylens.inference.family.dinov2.ExpectedParameters;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random weights of the right shapes for any config: the benchmark's stand-in for a checkpoint (speed does
 * not depend on the values) and a test fixture. Norm scales are near 1, biases and LayerScale small, matrices
 * N(0, 0.02²) as in ViT initialisation, so activations stay in a normal range (no denormals, no overflow).
 */
public final class SyntheticWeights implements Dinov2Encoder.ParamSource {
    private final Map<String, long[]> shapes;
    private final long seed;

    public SyntheticWeights(Dinov2Config config, long seed) {
        this.shapes = ExpectedParameters.of(config);
        this.seed = seed;
    }

    @Override
    public Dinov2Encoder.ParamData get(String name) {
        long[] shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[(int) n];
        SplittableRandom r = new SplittableRandom(seed ^ name.hashCode() * 0x9E3779B97F4A7C15L);
        boolean normWeight = name.endsWith("norm1.weight") || name.endsWith("norm2.weight") || name.equals("norm.weight");
        for (int i = 0; i < v.length; i++) {
            double g = gaussian(r);
            if (normWeight) {
                v[i] = (float) (1.0 + 0.1 * g);
            } else if (name.endsWith(".gamma")) {
                v[i] = (float) (0.1 + 0.05 * r.nextDouble());
            } else if (name.endsWith(".bias")) {
                v[i] = (float) (0.01 * g);
            } else {
                v[i] = (float) (0.02 * g);
            }
        }
        return new Dinov2Encoder.ParamData(v, shape);
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
