package org.raylens.inference.explain.metrics;

import org.raylens.inference.encoder.FloatTensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Deletion and insertion curves (Petsiuk et al. 2018, RISE): cells are removed from the image (replaced by the
 * substrate) in the map's order, most relevant first, and the score is taken after each of {@code steps} equal
 * increments; insertion starts from the substrate and puts the original cells back in the same order. The area
 * under each curve (trapezoids over the removed/inserted fraction 0..1, in the score's own units) summarises it: a
 * faithful map has a low deletion AUC (the score falls fast) and a high insertion AUC.
 */
public final class DeletionInsertion {

    /** @param scores steps + 1 scores, at fractions 0, 1/steps, …, 1; @param auc the trapezoidal area */
    public record Curve(double[] scores, double auc) {
        public Curve {
            scores = scores.clone();
        }

        @Override
        public double[] scores() {
            return scores.clone();
        }
    }

    public record Result(Curve deletion, Curve insertion) {
    }

    private DeletionInsertion() {
    }

    /** Forwards the two curves take: 2 · (steps + 1). */
    public static int forwards(int steps) {
        return 2 * (steps + 1);
    }

    static Result run(FloatTensor image, CellOrder order, Substrate substrate, int steps, BatchedScoring scoring) {
        if (steps < 1) {
            throw new IllegalArgumentException("deletion and insertion need at least 1 step, got " + steps);
        }
        int c = image.dim(1);
        int h = image.dim(2);
        int w = image.dim(3);
        float[] x = image.data();
        float[] base = substrate.of(x, c, h, w);
        List<float[]> images = new ArrayList<>();
        for (boolean deletion : new boolean[]{true, false}) {
            for (int k = 0; k <= steps; k++) {
                int cells = (int) Math.round((double) k * order.cells() / steps);
                boolean[] chosen = order.pixels(cells, true);
                float[] img = (deletion ? x : base).clone();
                float[] from = deletion ? base : x;
                for (int ch = 0; ch < c; ch++) {
                    for (int i = 0; i < chosen.length; i++) {
                        if (chosen[i]) {
                            img[ch * h * w + i] = from[ch * h * w + i];
                        }
                    }
                }
                images.add(img);
            }
        }
        double[] s = scoring.score(images, image.shape());
        double[] del = java.util.Arrays.copyOfRange(s, 0, steps + 1);
        double[] ins = java.util.Arrays.copyOfRange(s, steps + 1, 2 * (steps + 1));
        return new Result(new Curve(del, auc(del)), new Curve(ins, auc(ins)));
    }

    /** Trapezoidal area of scores at equally spaced points over [0, 1]. */
    static double auc(double[] s) {
        double a = 0;
        for (int i = 0; i + 1 < s.length; i++) {
            a += (s[i] + s[i + 1]) / 2;
        }
        return a / (s.length - 1);
    }
}
