package org.raylens.inference.explain.metrics;

import org.raylens.inference.encoder.FloatTensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * ROAD, Remove And Debias (Rong et al. 2022), as pytorch-grad-cam's {@code ROADCombined} computes it: for each
 * fraction f of the map's cells (10 %, …, 90 %), remove the most relevant f (MoRF) or the least relevant f (LeRF),
 * fill them by {@link NoisyLinearImputer noisy linear imputation}, and take the change of the score from the
 * original image. The MoRF and LeRF changes are averaged over the fractions; the combined figure is
 * (LeRF − MoRF) / 2, higher for a more faithful map (removing what it calls important hurts, removing what it calls
 * unimportant does not).
 */
public final class Road {
    /** @param morf mean score change removing the most relevant first; @param lerf the least relevant first */
    public record Result(double morf, double lerf, double combined, double[] fractions, double[] morfChanges,
                         double[] lerfChanges) {
        public Result {
            fractions = fractions.clone();
            morfChanges = morfChanges.clone();
            lerfChanges = lerfChanges.clone();
        }
    }

    private Road() {
    }

    /** pytorch-grad-cam's percentiles: 10, 20, …, 90 %. */
    public static double[] defaultFractions() {
        return new double[]{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    }

    /** Forwards it takes: the original and two per fraction. */
    public static int forwards(int fractions) {
        return 1 + 2 * fractions;
    }

    static Result run(FloatTensor image, CellOrder order, double[] fractions, NoisyLinearImputer imputer, long seed,
                      BatchedScoring scoring) {
        int c = image.dim(1);
        int h = image.dim(2);
        int w = image.dim(3);
        Random random = new Random(seed);
        List<float[]> images = new ArrayList<>();
        images.add(image.data());
        for (double f : fractions) {
            if (!(f > 0 && f < 1)) {
                throw new IllegalArgumentException("ROAD fractions lie strictly between 0 and 1, got " + f);
            }
            int cells = (int) Math.round(f * order.cells());
            for (boolean most : new boolean[]{true, false}) {
                images.add(imputer.impute(image.data(), c, h, w, order.pixels(cells, most), random));
            }
        }
        double[] s = scoring.score(images, image.shape());
        double[] morf = new double[fractions.length];
        double[] lerf = new double[fractions.length];
        double m = 0;
        double l = 0;
        for (int i = 0; i < fractions.length; i++) {
            morf[i] = s[1 + 2 * i] - s[0];
            lerf[i] = s[2 + 2 * i] - s[0];
            m += morf[i];
            l += lerf[i];
        }
        m /= fractions.length;
        l /= fractions.length;
        return new Result(m, l, (l - m) / 2, fractions, morf, lerf);
    }
}
