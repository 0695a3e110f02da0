package org.raylens.inference.adapter;

/** Logits to probabilities in double precision: sigmoid per output, or a max-shifted softmax across outputs. */
public final class Probabilities {
    private Probabilities() {
    }

    public static double[] of(float[] logits, AdapterTask task) {
        double[] p = new double[logits.length];
        if (task == AdapterTask.MULTICLASS) {
            double max = Double.NEGATIVE_INFINITY;
            for (float l : logits) {
                max = Math.max(max, l);
            }
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                p[i] = Math.exp(logits[i] - max);
                sum += p[i];
            }
            for (int i = 0; i < p.length; i++) {
                p[i] /= sum;
            }
        } else {
            for (int i = 0; i < p.length; i++) {
                p[i] = 1.0 / (1.0 + Math.exp(-logits[i]));
            }
        }
        return p;
    }
}
