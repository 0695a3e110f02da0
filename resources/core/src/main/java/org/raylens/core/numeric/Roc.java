package org.raylens.core.numeric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * ROC analysis of one binary output. AUROC is the Mann–Whitney U statistic divided by (positives × negatives),
 * computed exactly with midranks, so tied scores count one half (as scikit-learn's roc_auc_score). The curve has one
 * point per distinct score (ties move together) plus (0, 0). Youden's J = TPR − FPR picks the decision threshold.
 */
public final class Roc {
    private Roc() {
    }

    /** One ROC point: predicting positive when score ≥ threshold gives this false/true positive rate. */
    public record Point(double fpr, double tpr, double threshold) {
    }

    /** Exact, tie-aware AUROC; NaN when the labels hold only one class. */
    public static double auroc(double[] scores, boolean[] positive) {
        int n = scores.length;
        if (positive.length != n) {
            throw new IllegalArgumentException("scores and labels differ in length");
        }
        Integer[] order = sortedAscending(scores);
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double mid = (i + j) / 2.0 + 1; // 1-based midrank of the tie group
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = mid;
            }
            i = j + 1;
        }
        long pos = 0;
        double rankSum = 0;
        for (int k = 0; k < n; k++) {
            if (positive[k]) {
                pos++;
                rankSum += ranks[k];
            }
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        double u = rankSum - pos * (pos + 1) / 2.0;
        return u / ((double) pos * neg);
    }

    /** The ROC curve from (0, 0) to (1, 1), thresholds descending (the first point's threshold is +∞). */
    public static List<Point> curve(double[] scores, boolean[] positive) {
        int n = scores.length;
        Integer[] order = sortedAscending(scores);
        long pos = 0;
        for (boolean p : positive) {
            if (p) {
                pos++;
            }
        }
        long neg = n - pos;
        List<Point> pts = new ArrayList<>();
        pts.add(new Point(0, 0, Double.POSITIVE_INFINITY));
        long tp = 0;
        long fp = 0;
        int i = n - 1;
        while (i >= 0) {
            double s = scores[order[i]];
            while (i >= 0 && scores[order[i]] == s) {
                if (positive[order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i--;
            }
            pts.add(new Point(neg == 0 ? 0 : (double) fp / neg, pos == 0 ? 0 : (double) tp / pos, s));
        }
        return pts;
    }

    /**
     * The threshold maximising Youden's J (TPR − FPR) on this data; among equal J the higher threshold (fewer
     * positives). 0.5 when the labels hold only one class (nothing to choose on).
     */
    public static double youdenThreshold(double[] scores, boolean[] positive) {
        if (Double.isNaN(auroc(scores, positive))) {
            return 0.5;
        }
        double bestJ = Double.NEGATIVE_INFINITY;
        double best = 0.5;
        for (Point p : curve(scores, positive)) {
            if (Double.isInfinite(p.threshold())) {
                continue;
            }
            double j = p.tpr() - p.fpr();
            if (j > bestJ + 1e-12) {
                bestJ = j;
                best = p.threshold();
            }
        }
        return best;
    }

    private static Integer[] sortedAscending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(k -> scores[k]));
        return order;
    }
}
