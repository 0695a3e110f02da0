package org.raylens.inference.training;

/** Overlap of binary masks, pooled over every pixel given (global Dice and IoU, not a mean of per-image ratios). */
public final class MaskMetrics {
    private long intersection;
    private long predicted;
    private long truth;

    public void add(boolean prediction, boolean target) {
        if (prediction && target) {
            intersection++;
        }
        if (prediction) {
            predicted++;
        }
        if (target) {
            truth++;
        }
    }

    /** 2|A∩B| / (|A| + |B|); 1 when both masks are empty. */
    public double dice() {
        return predicted + truth == 0 ? 1.0 : 2.0 * intersection / (predicted + truth);
    }

    /** |A∩B| / |A∪B|; 1 when both masks are empty. */
    public double iou() {
        long union = predicted + truth - intersection;
        return union == 0 ? 1.0 : (double) intersection / union;
    }
}
