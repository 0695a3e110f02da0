package org.raylens.app.analysis;

import java.util.List;

/**
 * A linear probe on the CLS token with sigmoid outputs: the demo adapter's shape. Trained adapters come from the
 * adapters module; this class only serves the demo so the scores panel has something honest to show.
 */
public record LinearScores(String name, List<String> labels, float[][] weights, float[] bias, double threshold) {

    public LinearScores {
        labels = List.copyOf(labels);
        if (weights.length != labels.size() || bias.length != labels.size()) {
            throw new IllegalArgumentException("one weight row and bias per label");
        }
    }

    /** The same map as a differentiable head, for Grad-CAM (the explain module's linear CLS head). */
    public org.raylens.inference.head.TokenHead asTokenHead() {
        int dim = weights[0].length;
        float[] flat = new float[labels.size() * dim];
        for (int k = 0; k < labels.size(); k++) {
            System.arraycopy(weights[k], 0, flat, k * dim, dim);
        }
        return new org.raylens.inference.explain.LinearClsHead(flat, bias, labels.size(), labels);
    }

    /** Sigmoid probabilities for one CLS token. */
    public double[] probabilities(float[] cls) {
        double[] p = new double[labels.size()];
        for (int k = 0; k < p.length; k++) {
            double z = bias[k];
            float[] w = weights[k];
            for (int i = 0; i < cls.length; i++) {
                z += w[i] * cls[i];
            }
            p[k] = 1 / (1 + Math.exp(-z));
        }
        return p;
    }
}
