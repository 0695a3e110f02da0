package org.raylens.inference.explain.metrics;

import org.junit.jupiter.api.Test;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.encoder.FloatTensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deletion/insertion, ROAD's imputation and ROAD, and the region scores on cases worked by hand. */
class FaithfulnessMetricsTest {

    private static PatchMap map(int rows, int cols, int patch, float... v) {
        return new PatchMap("test", "hand-made", rows, cols, 1, v, MapGeometry.identity(cols * patch, rows * patch, patch),
                "test");
    }

    /** score = Σ wᵢ xᵢ over a (1, 1, 2, 2) image. */
    private static ImageScorer weighted(double[] w, AtomicInteger images) {
        return (batch, cancel) -> {
            int per = batch.data().length / batch.dim(0);
            double[] s = new double[batch.dim(0)];
            for (int b = 0; b < s.length; b++) {
                for (int i = 0; i < per; i++) {
                    s[b] += w[i] * batch.data()[b * per + i];
                }
            }
            images.addAndGet(s.length);
            return s;
        };
    }

    @Test
    void deletionAndInsertionAucByHand() {
        // x = 1 everywhere, w = (1, 2, 3, 4), the map ranks the pixels 0, 1, 2, 3; substrate 0, 4 steps.
        // deletion: 10, 9, 7, 4, 0 → AUC = (9.5 + 8 + 5.5 + 2) / 4 = 6.25
        // insertion: 0, 1, 3, 6, 10 → AUC = (0.5 + 2 + 4.5 + 8) / 4 = 3.75
        FloatTensor x = new FloatTensor(new float[]{1, 1, 1, 1}, new long[]{1, 1, 2, 2});
        AtomicInteger images = new AtomicInteger();
        BatchedScoring scoring = new BatchedScoring(weighted(new double[]{1, 2, 3, 4}, images), 3, Progress.NONE,
                CancellationToken.NONE, 10);
        DeletionInsertion.Result r = DeletionInsertion.run(x, new CellOrder(map(2, 2, 1, 4, 3, 2, 1), 2, 2),
                Substrate.constant(0), 4, scoring);
        assertArrayEquals(new double[]{10, 9, 7, 4, 0}, r.deletion().scores(), 1e-9);
        assertArrayEquals(new double[]{0, 1, 3, 6, 10}, r.insertion().scores(), 1e-9);
        assertEquals(6.25, r.deletion().auc(), 1e-12);
        assertEquals(3.75, r.insertion().auc(), 1e-12);
        assertEquals(DeletionInsertion.forwards(4), images.get());
    }

    @Test
    void aPatchCellRemovesItsWholePatchAndPixelsOutsideTheGridStay() {
        // a 1×2 grid of 2-pixel patches on a 3×5 input: the last row and column are outside the grid
        PatchMap m = new PatchMap("t", "t", 1, 2, 1, new float[]{0, 5}, MapGeometry.identity(5, 3, 2), "t");
        boolean[] first = new CellOrder(m, 5, 3).pixels(1, true);
        boolean[] expected = new boolean[15];
        for (int y = 0; y < 2; y++) {
            for (int x = 2; x < 4; x++) {
                expected[y * 5 + x] = true;
            }
        }
        assertArrayEquals(expected, first);
        boolean[] all = new CellOrder(m, 5, 3).pixels(2, false);
        assertFalse(all[4]);
        assertFalse(all[2 * 5 + 1]);
    }

    @Test
    void linearImputationOfOnePixelIsTheWeightedMeanOfItsNeighbours() {
        float[] img = {1, 2, 3, 4, 100, 6, 7, 8, 9};
        boolean[] removed = new boolean[9];
        removed[4] = true;
        float[] out = new NoisyLinearImputer(0).impute(img, 1, 3, 3, removed, new Random(0));
        double expected = (2 + 4 + 6 + 8) / 6.0 + (1 + 3 + 7 + 9) / 12.0;
        assertEquals(expected, out[4], 1e-5);
        out[4] = img[4];
        assertArrayEquals(img, out, "kept pixels unchanged");
    }

    @Test
    void twoAdjacentRemovedPixelsSolveTheirCoupledEquations() {
        // a 1×3 row [a, ?, ?]: only left/right neighbours (1/6 each). Pixel 1: (1/6)(a + x2) = (2/6) x1;
        // pixel 2 (at the border, one neighbour): x2 = x1. So x1 = x2 = a.
        float[] out = new NoisyLinearImputer(0).impute(new float[]{5, 0, 0}, 1, 1, 3,
                new boolean[]{false, true, true}, new Random(0));
        assertEquals(5, out[1], 1e-5);
        assertEquals(5, out[2], 1e-5);
        // 2×2 with the right column removed: each removed pixel's neighbours in the image are the two kept ones
        // (1/6 beside, 1/12 diagonal) and the other removed one (1/6). With kept values 1 (top) and 4 (bottom):
        // (1/6 + 1/12 + 1/6) x_t = 1/6·1 + 1/12·4 + 1/6·x_b, and symmetrically; solve the 2×2 system by Cramer
        double a = 5.0 / 12;
        double c = 1.0 / 6;
        double bt = 1.0 / 6 + 4.0 / 12;
        double bb = 4.0 / 6 + 1.0 / 12;
        double det = a * a - c * c;
        double xt = (bt * a + c * bb) / det;
        double xb = (a * bb + c * bt) / det;
        float[] sq = new NoisyLinearImputer(0).impute(new float[]{1, 0, 4, 0}, 1, 2, 2,
                new boolean[]{false, true, false, true}, new Random(0));
        assertEquals(xt, sq[1], 1e-5);
        assertEquals(xb, sq[3], 1e-5);
    }

    @Test
    void linearImputationReproducesARampAndNoiseHasTheAskedSpread() {
        int h = 12;
        int w = 12;
        float[] ramp = new float[2 * h * w];
        boolean[] removed = new boolean[h * w];
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    ramp[c * h * w + y * w + x] = 2 * x + 3 * y + 1 + 10 * c;
                    removed[y * w + x] = x >= 3 && x < 8 && y >= 4 && y < 9;
                }
            }
        }
        float[] out = new NoisyLinearImputer(0).impute(ramp, 2, h, w, removed, new Random(0));
        assertArrayEquals(ramp, out, 1e-4f);
        float[] noisy = new NoisyLinearImputer(0.5).impute(ramp, 2, h, w, removed, new Random(3));
        double ss = 0;
        int n = 0;
        for (int i = 0; i < ramp.length; i++) {
            if (removed[i % (h * w)]) {
                ss += (noisy[i] - ramp[i]) * (noisy[i] - ramp[i]);
                n++;
            }
        }
        assertEquals(0.5, Math.sqrt(ss / n), 0.1);
    }

    @Test
    void roadOfASpikeReadByTheModelByHand() {
        // a 6×6 image of zeros with a spike of 10 that the model reads alone, the map's maximum on the spike.
        // MoRF removes the spike first at every fraction; imputation from zeros gives 0: change −10 each time.
        // LeRF never removes it (at most 90 % of the least relevant): change 0. Combined (0 − (−10)) / 2 = 5.
        float[] img = new float[36];
        img[14] = 10;
        float[] values = new float[36];
        for (int i = 0; i < 36; i++) {
            values[i] = i == 14 ? 100 : i;
        }
        ImageScorer spike = (batch, cancel) -> {
            double[] s = new double[batch.dim(0)];
            for (int b = 0; b < s.length; b++) {
                s[b] = batch.data()[b * 36 + 14];
            }
            return s;
        };
        BatchedScoring scoring = new BatchedScoring(spike, 4, Progress.NONE, CancellationToken.NONE, 19);
        Road.Result r = Road.run(new FloatTensor(img, new long[]{1, 1, 6, 6}), new CellOrder(map(6, 6, 1, values), 6, 6),
                Road.defaultFractions(), new NoisyLinearImputer(0), 0, scoring);
        assertEquals(-10, r.morf(), 1e-5);
        assertEquals(0, r.lerf(), 1e-9);
        assertEquals(5, r.combined(), 1e-5);
    }

    @Test
    void pointingGameAndEnergyShareByHand() {
        // 2×3 cells of 10 px on a 30×20 image; the maximum (4) at row 1, col 2; positive energy 1 + 3 + 4 = 8
        PatchMap m = map(2, 3, 10, 1, -2, 0, 3, 0, 4);
        RegionScores box = RegionScores.of(m, Region.box(20, 10, 30, 20));
        assertTrue(box.pointingHit());
        assertEquals(4.0 / 8, box.energyShare(), 1e-12);
        RegionScores miss = RegionScores.of(m, Region.box(0, 0, 20, 20));
        assertFalse(miss.pointingHit());
        assertEquals(4.0 / 8, miss.energyShare(), 1e-12, "cells (0,0) and (1,0) hold 1 + 3");
        boolean[] mask = new boolean[30 * 20];
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                mask[y * 30 + x] = true;
            }
        }
        RegionScores masked = RegionScores.of(m, Region.mask(mask, 30, 20));
        assertFalse(masked.pointingHit());
        assertEquals(1.0 / 8, masked.energyShare(), 1e-12);
        assertTrue(Double.isNaN(RegionScores.of(map(1, 2, 10, -1, 0), Region.box(0, 0, 5, 5)).energyShare()));
    }

    @Test
    void theWholeRunCountsItsForwardsInBatchesAndStopsWhenCancelled() {
        FloatTensor x = new FloatTensor(new float[]{1, 2, 3, 4}, new long[]{1, 1, 2, 2});
        AtomicInteger images = new AtomicInteger();
        FaithfulnessMetrics.Options o = new FaithfulnessMetrics.Options(4, Substrate.constant(0),
                new double[]{0.25, 0.5}, 0, 0, 3);
        FaithfulnessMetrics metrics = new FaithfulnessMetrics(weighted(new double[]{1, 1, 1, 1}, images), o);
        List<long[]> reports = new ArrayList<>();
        Progress p = (done, total, message) -> reports.add(new long[]{done, total});
        FaithfulnessMetrics.Report r = metrics.evaluate(x, map(2, 2, 1, 4, 3, 2, 1), Region.box(0, 0, 1, 1), p,
                CancellationToken.NONE);
        assertEquals(10 + 5, metrics.forwards());
        assertEquals(15, images.get());
        assertArrayEquals(new long[]{15, 15}, reports.get(reports.size() - 1));
        assertEquals(7, r.rows().size());
        assertEquals("deletion_auc", r.rows().get(0)[0]);
        assertTrue(r.caption().contains("pointing hit"), r.caption());
        AtomicInteger seen = new AtomicInteger();
        assertThrows(CancellationException.class, () -> new FaithfulnessMetrics(weighted(new double[4], seen), o)
                .evaluate(x, map(2, 2, 1, 4, 3, 2, 1), null, Progress.NONE, () -> seen.get() >= 3));
        assertEquals(3, seen.get());
    }

    @Test
    void blurKeepsAConstantImageAndSmoothsASpike() {
        float[] flat = new float[2 * 5 * 7];
        java.util.Arrays.fill(flat, 2.5f);
        assertArrayEquals(flat, Substrate.blur(1.5).of(flat, 2, 5, 7), 1e-5f);
        // far enough from the border that no mirrored copy of the spike reaches back in
        float[] spike = new float[15 * 15];
        spike[7 * 15 + 7] = 1;
        float[] b = Substrate.blur(1).of(spike, 1, 15, 15);
        double sum = 0;
        for (float v : b) {
            sum += v;
        }
        assertEquals(1, sum, 1e-5, "an interior spike keeps its mass");
        assertEquals(1 / (2 * Math.PI) / 1.0, b[7 * 15 + 7], 2e-3, "the Gaussian's peak");
        assertTrue(b[7 * 15 + 6] > 0.05);
        assertEquals(Substrate.constant(0.5f), Substrate.parse("0.5"));
        assertEquals(Substrate.blur(3), Substrate.parse("blur:3"));
        assertThrows(IllegalArgumentException.class, () -> Substrate.parse("fog"));
    }
}
