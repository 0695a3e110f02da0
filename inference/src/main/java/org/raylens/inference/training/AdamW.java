package org.raylens.inference.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.raylens.inference.encoder.NoGradScope;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov & Hutter; PyTorch's torch.optim.AdamW): Adam moments with bias correction, and weight decay
 * applied directly to the weights (θ ← θ − lr·λ·θ) rather than added to the gradient. Written here rather than
 * using DJL's optimiser so its state (moments, step) can be checkpointed and resumed exactly. Decay is applied to
 * matrices and conv kernels only, not to biases or the pooling query (the usual practice).
 * Steps run with autograd recording off ({@link NoGradScope}), so the in-place updates are not recorded.
 */
final class AdamW {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    private final Map<String, NDArray> params;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private final double lr;
    private final double weightDecay;
    private long step;

    AdamW(Map<String, NDArray> params, NDManager manager, double lr, double weightDecay) {
        this.params = params;
        this.lr = lr;
        this.weightDecay = weightDecay;
        params.forEach((k, p) -> {
            m.put(k, manager.zeros(p.getShape()));
            v.put(k, manager.zeros(p.getShape()));
        });
    }

    /** One update from the given gradients (same keys as the parameters). */
    void step(Map<String, NDArray> grads) {
        try (NoGradScope noGrad = NoGradScope.enter()) {
            update(grads);
        }
    }

    private void update(Map<String, NDArray> grads) {
        step++;
        double c1 = 1 - Math.pow(BETA1, step);
        double c2 = 1 - Math.pow(BETA2, step);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            String k = e.getKey();
            NDArray p = e.getValue();
            NDArray g = grads.get(k);
            m.get(k).muli((float) BETA1).addi(g.mul((float) (1 - BETA1)));
            v.get(k).muli((float) BETA2).addi(g.square().muli((float) (1 - BETA2)));
            if (weightDecay > 0 && p.getShape().dimension() >= 2) {
                p.muli((float) (1 - lr * weightDecay));
            }
            NDArray denom = v.get(k).div((float) c2).sqrt().addi((float) EPS);
            NDArray update = m.get(k).div((float) c1).divi(denom).muli((float) lr);
            p.subi(update);
            denom.close();
            update.close();
        }
    }

    long steps() {
        return step;
    }

    Map<String, NDArray> firstMoments() {
        return m;
    }

    Map<String, NDArray> secondMoments() {
        return v;
    }

    /** Restores a checkpointed state. */
    void restore(long steps, Map<String, float[]> first, Map<String, float[]> second) {
        this.step = steps;
        for (String k : params.keySet()) {
            m.get(k).set(first.get(k));
            v.get(k).set(second.get(k));
        }
    }

    String describe() {
        return "AdamW(lr=" + lr + ", betas=(" + BETA1 + ", " + BETA2 + "), eps=" + EPS + ", weight_decay=" + weightDecay
                + " on weights)";
    }
}
