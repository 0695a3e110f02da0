package org.raylens.overlays.chart;

import java.util.Objects;

/**
 * One adapter output for the scores chart and the CSV export.
 *
 * @param label     the finding ("Cardiomegaly")
 * @param score     the adapter's output for it (a probability for classifiers)
 * @param threshold the operating point the adapter was calibrated with, or NaN when it has none
 */
public record ScoreRow(String label, double score, double threshold) {

    public ScoreRow {
        Objects.requireNonNull(label, "label");
    }

    /** True when there is a threshold and the score reaches it. */
    public boolean above() {
        return !Double.isNaN(threshold) && score >= threshold;
    }
}
