package org.raylens.viewer.image;

/**
 * The VOI window functions of PS3.3 C.11.2.1.2, with output normalised to [0, 1] (y_min = 0, y_max = 1; scale by
 * the output range, e.g. 255, for display values). Pure functions, written as the standard states them so a test can
 * check each against hand-computed values.
 */
public final class VoiTransfer {
    private VoiTransfer() {}

    /** Applies {@code window}'s function to modality value {@code x}. */
    public static double apply(VoiWindow window, double x) {
        return switch (window.function()) {
            case LINEAR -> linear(x, window.center(), window.width());
            case LINEAR_EXACT -> linearExact(x, window.center(), window.width());
            case SIGMOID -> sigmoid(x, window.center(), window.width());
        };
    }

    /**
     * C.11.2.1.2.1 LINEAR: 0 when x ≤ c − 0.5 − (w − 1)/2, 1 when x > c − 0.5 + (w − 1)/2, otherwise
     * ((x − (c − 0.5)) / (w − 1) + 0.5). The standard requires w ≥ 1; for w = 1 (and anything smaller a file may
     * hold) it becomes a threshold at c − 0.5.
     */
    public static double linear(double x, double c, double w) {
        if (w <= 1) {
            return x <= c - 0.5 ? 0 : 1;
        }
        double lower = c - 0.5 - (w - 1) / 2;
        double upper = c - 0.5 + (w - 1) / 2;
        if (x <= lower) {
            return 0;
        }
        if (x > upper) {
            return 1;
        }
        return (x - (c - 0.5)) / (w - 1) + 0.5;
    }

    /** C.11.2.1.3.2 LINEAR_EXACT: 0 when x ≤ c − w/2, 1 when x > c + w/2, otherwise (x − c)/w + 0.5. */
    public static double linearExact(double x, double c, double w) {
        if (x <= c - w / 2) {
            return 0;
        }
        if (x > c + w / 2) {
            return 1;
        }
        return (x - c) / w + 0.5;
    }

    /** C.11.2.1.3.1 SIGMOID: 1 / (1 + exp(−4 (x − c) / w)). */
    public static double sigmoid(double x, double c, double w) {
        return 1 / (1 + Math.exp(-4 * (x - c) / w));
    }

    /** Rounds a [0, 1] output to an 8-bit display value. */
    public static int toByte(double y) {
        long v = Math.round(y * 255);
        return v < 0 ? 0 : v > 255 ? 255 : (int) v;
    }
}
