package org.raylens.core.numeric;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AUROC against hand-computed Mann–Whitney counts (with ties), the curve, and Youden's threshold. */
class RocTest {
    private static boolean[] b(int... v) {
        boolean[] o = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i] != 0;
        }
        return o;
    }

    @Test
    void perfectInvertedAndChance() {
        assertEquals(1.0, Roc.auroc(new double[]{0.1, 0.2, 0.8, 0.9}, b(0, 0, 1, 1)));
        assertEquals(0.0, Roc.auroc(new double[]{0.9, 0.8, 0.2, 0.1}, b(0, 0, 1, 1)));
        assertEquals(0.5, Roc.auroc(new double[]{0.5, 0.5, 0.5, 0.5}, b(0, 1, 0, 1)), "all tied = chance");
    }

    @Test
    void tiesCountOneHalf() {
        // positives {0.8, 0.4}, negatives {0.4, 0.1, 0.6}: pairs (pos > neg) = 0.8 beats 3, 0.4 beats 0.1 and ties 0.4
        // → U = 3 + 1 + 0.5 = 4.5 of 6 pairs
        double a = Roc.auroc(new double[]{0.8, 0.4, 0.4, 0.1, 0.6}, b(1, 1, 0, 0, 0));
        assertEquals(4.5 / 6, a, 1e-15);
        // positives 0.3, 0.7, 0.3 vs negatives 0.3, 0.2, 0.9: each 0.3 scores ½ + 1 + 0, the 0.7 scores 1 + 1 + 0
        // → U = 1.5 + 2 + 1.5 = 5 of 9 pairs
        assertEquals(5.0 / 9, Roc.auroc(new double[]{0.3, 0.3, 0.7, 0.2, 0.3, 0.9}, b(1, 0, 1, 0, 1, 0)), 1e-15);
    }

    @Test
    void singleClassIsUndefined() {
        assertTrue(Double.isNaN(Roc.auroc(new double[]{0.1, 0.2}, b(1, 1))));
        assertEquals(0.5, Roc.youdenThreshold(new double[]{0.1, 0.2}, b(0, 0)));
    }

    @Test
    void curveMovesTiesTogetherAndEndsAtOneOne() {
        List<Roc.Point> c = Roc.curve(new double[]{0.8, 0.4, 0.4, 0.1}, b(1, 1, 0, 0));
        assertEquals(4, c.size(), "(0,0) + three distinct scores");
        assertEquals(new Roc.Point(0, 0.5, 0.8), c.get(1));
        assertEquals(new Roc.Point(0.5, 1.0, 0.4), c.get(2), "the tied 0.4s step diagonally together");
        assertEquals(new Roc.Point(1.0, 1.0, 0.1), c.get(3));
    }

    @Test
    void youdenPicksTheBestSeparatingScore() {
        // at threshold 0.6: TPR 1, FPR 0 → J = 1
        assertEquals(0.6, Roc.youdenThreshold(new double[]{0.1, 0.3, 0.6, 0.9}, b(0, 0, 1, 1)));
        // 0.2 and 0.7 positives, 0.5 negative: ≥0.7 → J = ½; ≥0.5 → J = 0; ≥0.2 → J = 0 → 0.7
        assertEquals(0.7, Roc.youdenThreshold(new double[]{0.2, 0.5, 0.7}, b(1, 0, 1)));
    }
}
