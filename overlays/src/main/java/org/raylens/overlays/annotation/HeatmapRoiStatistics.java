package org.raylens.overlays.annotation;

import org.raylens.core.result.MapGeometry;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.viewer.measure.Roi;
import org.raylens.viewer.measure.RoiStatistics;

/**
 * A heatmap inside an ROI: the statistics of its values resampled to the source pixels (the value the layer paints
 * and reads out at each pixel centre, so raw-cell mode counts cells), and the share of the map's mass that falls
 * inside, {@code Σ_roi max(v, 0) / Σ_image max(v, 0)} over source pixels. Negative values carry no mass (a signed map
 * would otherwise let negative regions inflate a share above 1); pixels the model did not see carry none either.
 *
 * @param massShare in [0, 1], NaN when the map has no positive mass
 */
public record HeatmapRoiStatistics(RoiStatistics values, double massShare) {

    /** Computes the statistics; {@code totalMass} is {@link #totalMass} of the same layer (cached by the caller). */
    public static HeatmapRoiStatistics of(HeatmapLayer layer, Roi roi, double totalMass) {
        MapGeometry geometry = layer.map().geometry();
        int w = geometry.sourceWidth();
        int h = geometry.sourceHeight();
        RoiStatistics values = RoiStatistics.over(roi, w, h, (x, y) -> layer.valueAt(x + 0.5, y + 0.5));
        double inside = RoiStatistics.over(roi, w, h, (x, y) -> mass(layer.valueAt(x + 0.5, y + 0.5))).sum();
        return new HeatmapRoiStatistics(values, totalMass > 0 ? inside / totalMass : Double.NaN);
    }

    /** The map's mass over every source pixel: the denominator of {@link #massShare}. */
    public static double totalMass(HeatmapLayer layer) {
        MapGeometry geometry = layer.map().geometry();
        int w = geometry.sourceWidth();
        int h = geometry.sourceHeight();
        return RoiStatistics.over(new Roi.Rectangle(0, 0, w, h), w, h,
                (x, y) -> mass(layer.valueAt(x + 0.5, y + 0.5))).sum();
    }

    private static double mass(double v) {
        return v > 0 ? v : Double.isNaN(v) ? Double.NaN : 0;
    }
}
