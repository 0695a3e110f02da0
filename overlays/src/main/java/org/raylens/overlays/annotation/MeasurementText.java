package org.raylens.overlays.annotation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.measure.CalibratedSpacing;
import org.raylens.viewer.measure.Measurement;
import org.raylens.viewer.measure.Roi;
import org.raylens.viewer.measure.RoiStatistics;

/**
 * The words next to a measurement: a length with its unit and where the millimetres come from; for an ROI its area,
 * the image's statistics in modality units, and each visible heatmap's statistics and mass share.
 */
final class MeasurementText {

    private MeasurementText() {
    }

    static String length(Measurement.Distance d, CalibratedSpacing spacing) {
        double value = spacing.length(d.x1(), d.y1(), d.x2(), d.y2());
        return number(value) + " " + spacing.lengthUnit() + " (" + spacing.description() + ")";
    }

    /** The angle in degrees, "measured in mm" when the spacing was used (it matters when rows and columns differ). */
    static String angle(Measurement.Angle a, CalibratedSpacing spacing) {
        double deg = spacing.angleDegrees(a.ax(), a.ay(), a.vx(), a.vy(), a.bx(), a.by());
        String value = Double.isNaN(deg) ? "\u2013" : String.format(Locale.ROOT, "%.1f", deg);
        return value + "\u00b0" + (spacing.inMillimetres() ? " (in mm, " + spacing.description() + ")" : " (in pixels)");
    }

    static String area(Roi roi, CalibratedSpacing spacing) {
        return "Area " + number(spacing.area(roi.area())) + " " + spacing.lengthUnit() + "\u00b2";
    }

    static String image(RoiStatistics s, DisplayableImage image) {
        String unit = image.modalityUnit() == null || image.modalityUnit().isEmpty() ? "" : " " + image.modalityUnit();
        return "Image: " + stats(s) + unit;
    }

    static String heatmap(String label, HeatmapRoiStatistics s) {
        String share = Double.isNaN(s.massShare()) ? "" : String.format(Locale.ROOT, "; %.1f%% of its mass",
                100 * s.massShare());
        // the layer's own label can be a sentence ("Attention (CLS) — CLS → patches, layer 4/4, …"): its head names it
        String name = label.length() <= 28 ? label : label.substring(0, 27) + "\u2026";
        return name + ": " + stats(s.values()) + share;
    }

    static String stats(RoiStatistics s) {
        if (s.count() == 0) {
            return "no pixels";
        }
        return "mean " + number(s.mean()) + " SD " + number(s.standardDeviation()) + " min " + number(s.min())
                + " max " + number(s.max());
    }

    static List<String> lines(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** Three significant digits (one decimal from 10 up), no exponent for everyday magnitudes. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
