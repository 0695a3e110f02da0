package org.raylens.inference.adapter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The tensors in {@code weights.safetensors} for each adapter type, with their shapes (PyTorch conventions: a linear
 * weight is (out, in), a conv weight (out, in, kh, kw)); docs/adapter-format.md lists the same table. C = outputs,
 * D = encoder hidden size, F = {@link AdapterSpec#featureSize()}, H = {@link AdapterSpec#hiddenSize()}.
 */
public final class AdapterTensors {
    public static final String LINEAR_WEIGHT = "linear.weight";
    public static final String LINEAR_BIAS = "linear.bias";
    public static final String POOL_QUERY = "pool.query";
    public static final String POOL_KEY_WEIGHT = "pool.key.weight";
    public static final String POOL_KEY_BIAS = "pool.key.bias";
    public static final String POOL_VALUE_WEIGHT = "pool.value.weight";
    public static final String POOL_VALUE_BIAS = "pool.value.bias";
    public static final String FC1_WEIGHT = "mlp.fc1.weight";
    public static final String FC1_BIAS = "mlp.fc1.bias";
    public static final String FC2_WEIGHT = "mlp.fc2.weight";
    public static final String FC2_BIAS = "mlp.fc2.bias";
    public static final String SEG_WEIGHT = "seg.weight";
    public static final String SEG_BIAS = "seg.bias";
    public static final String CONV1_WEIGHT = "decoder.conv1.weight";
    public static final String CONV1_BIAS = "decoder.conv1.bias";
    public static final String CONV2_WEIGHT = "decoder.conv2.weight";
    public static final String CONV2_BIAS = "decoder.conv2.bias";

    private AdapterTensors() {
    }

    /** Name → shape, in file order. */
    public static Map<String, long[]> expected(AdapterSpec s) {
        long c = s.outputs();
        long d = s.encoder().hiddenSize();
        long f = s.featureSize();
        long h = s.hiddenSize();
        Map<String, long[]> m = new LinkedHashMap<>();
        switch (s.type()) {
            case LINEAR -> {
                m.put(LINEAR_WEIGHT, new long[]{c, f});
                m.put(LINEAR_BIAS, new long[]{c});
            }
            case ATTENTION_POOL_MLP -> {
                m.put(POOL_QUERY, new long[]{d});
                m.put(POOL_KEY_WEIGHT, new long[]{d, d});
                m.put(POOL_KEY_BIAS, new long[]{d});
                m.put(POOL_VALUE_WEIGHT, new long[]{d, d});
                m.put(POOL_VALUE_BIAS, new long[]{d});
                m.put(FC1_WEIGHT, new long[]{h, f});
                m.put(FC1_BIAS, new long[]{h});
                m.put(FC2_WEIGHT, new long[]{c, h});
                m.put(FC2_BIAS, new long[]{c});
            }
            case SEGMENTATION_LINEAR -> {
                m.put(SEG_WEIGHT, new long[]{c, d});
                m.put(SEG_BIAS, new long[]{c});
            }
            case SEGMENTATION_CONV -> {
                m.put(CONV1_WEIGHT, new long[]{h, d, 3, 3});
                m.put(CONV1_BIAS, new long[]{h});
                m.put(CONV2_WEIGHT, new long[]{c, h, 1, 1});
                m.put(CONV2_BIAS, new long[]{c});
            }
            default -> throw new IllegalStateException(s.type().toString());
        }
        return m;
    }

    /**
     * Seeded initial values as PyTorch initialises these layers: weights uniform in ±1/√fan_in (nn.Linear/nn.Conv2d's
     * default bound), biases zero, the pooling query N(0, 0.02²).
     */
    public static Map<String, float[]> initial(AdapterSpec s, long seed) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : expected(s).entrySet()) {
            long[] shape = e.getValue();
            long n = 1;
            for (long v : shape) {
                n *= v;
            }
            float[] v = new float[Math.toIntExact(n)];
            SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + e.getKey().hashCode());
            if (e.getKey().equals(POOL_QUERY)) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.02 * gaussian(r));
                }
            } else if (shape.length >= 2) {
                long fanIn = n / shape[0];
                double bound = 1.0 / Math.sqrt(fanIn);
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) ((r.nextDouble() * 2 - 1) * bound);
                }
            }
            out.put(e.getKey(), v);
        }
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
