package org.raylens.overlays.chart;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Tick values for an axis: multiples of 1, 2 or 5 × 10ⁿ inside [min, max], about {@code target} of them, with
 * labels that show exactly as many decimals as the step needs (0.25 not 0.250000001).
 */
public final class NiceTicks {
    private NiceTicks() {}

    /** The tick values within [min, max] (inclusive, with a tolerance of a millionth of the span). */
    public static List<Double> between(double min, double max, int target) {
        List<Double> out = new ArrayList<>();
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min) || target < 1) {
            return out;
        }
        double step = step(max - min, target);
        double eps = (max - min) * 1e-6;
        for (long k = (long) Math.ceil((min - eps) / step); k * step <= max + eps; k++) {
            double v = k * step;
            out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
        }
        return out;
    }

    /** The 1/2/5 × 10ⁿ step that gives about {@code target} intervals over {@code span}. */
    public static double step(double span, int target) {
        double raw = span / target;
        double decade = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / decade;
        double nice = f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10;
        return nice * decade;
    }

    /** A label for a tick value: plain notation for ordinary magnitudes, scientific for tiny or huge ones. */
    public static String label(double value, double step) {
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.max(Math.abs(value), step);
        if (magnitude >= 1e5 || magnitude < 1e-3) {
            return String.format(java.util.Locale.ROOT, "%.2g", value);
        }
        int decimals = Math.max(0, -(int) Math.floor(Math.log10(step) + 1e-9));
        return new BigDecimal(value).setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
