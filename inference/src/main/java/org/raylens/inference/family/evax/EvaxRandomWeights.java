package org.raylens.inference.family.evax;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random EVA-X parameters for benchmarks and demos: LayerNorm scales 1 and shifts 0, everything else
 * N(0, 0.02²) as EVA-X's trunc_normal_ init (untruncated). The same seed and name always give the same values.
 */
final class EvaxRandomWeights implements EvaxEncoder.ParamSource {
    private final Map<String, long[]> shapes;
    private final long seed;

    EvaxRandomWeights(EvaxConfig config, long seed) {
        this.shapes = EvaxKeys.expected(config);
        this.seed = seed;
    }

    @Override
    public float[] floats(String name) {
        long[] shape = shapes.get(name);
        if (shape == null) {
            throw new IllegalArgumentException("no EVA-X parameter " + name);
        }
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] v = new float[Math.toIntExact(n)];
        boolean norm = name.contains("norm") || name.contains("ffn_ln");
        if (norm) {
            if (name.endsWith(".weight")) {
                java.util.Arrays.fill(v, 1f);
            }
            return v;
        }
        SplittableRandom r = new SplittableRandom(seed * 31 + name.hashCode());
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.02 * gaussian(r));
        }
        return v;
    }

    /** Box–Muller (SplittableRandom has no nextGaussian on Java 17). */
    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
