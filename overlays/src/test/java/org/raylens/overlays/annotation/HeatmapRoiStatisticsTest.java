package org.raylens.overlays.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.viewer.measure.Roi;

/**
 * A heatmap's share inside an ROI, against a hand computation. The map: an 8 × 8 source seen whole as a 2 × 2 grid
 * of 4-pixel patches with values 1 (top left), 2 (top right), 3 (bottom left), 4 (bottom right).
 */
class HeatmapRoiStatisticsTest {

    private static HeatmapLayer layer() {
        return new HeatmapLayer("test map", new PatchMap("attention", "t", 2, 2, 1, new float[] {1, 2, 3, 4},
                MapGeometry.identity(8, 8, 4), "t"));
    }

    @Test
    void rawCellsShareIsTheCellsMassOverTheTotal() {
        HeatmapLayer layer = layer();
        layer.setShowPatchCells(true);
        double total = HeatmapRoiStatistics.totalMass(layer);
        assertEquals(16 * (1 + 2 + 3 + 4), total, 1e-9); // each cell covers 16 source pixels
        // left half: the cells of 1 and 3 → 16·1 + 16·3 = 64 of 160
        HeatmapRoiStatistics s = HeatmapRoiStatistics.of(layer, new Roi.Rectangle(0, 0, 4, 8), total);
        assertEquals(0.4, s.massShare(), 1e-12);
        assertEquals(2.0, s.values().mean(), 1e-12);
        assertEquals(32, s.values().count());
        assertEquals(1, s.values().min());
        assertEquals(3, s.values().max());
    }

    @Test
    void smoothMapShareMatchesTheBilinearSumByHand() {
        HeatmapLayer layer = layer();
        // Between patch centres (2 and 6 on each axis) the bilinear map of 1, 2, 3, 4 is the plane
        // v = 1 + gx + 2·gy with g = clamp((i + 0.5)/4 − 0.5, 0, 1) at pixel centre i + 0.5.
        double total = 0;
        double left = 0;
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                double v = 1 + g(x) + 2 * g(y);
                total += v;
                left += x < 4 ? v : 0;
            }
        }
        assertEquals(160, total, 1e-9); // Σg over 8 pixels is 0+0+.125+.375+.625+.875+1+1 = 4: 64 + 32 + 64
        assertEquals(68, left, 1e-9);
        assertEquals(total, HeatmapRoiStatistics.totalMass(layer), 1e-9);
        HeatmapRoiStatistics s = HeatmapRoiStatistics.of(layer, new Roi.Rectangle(0, 0, 4, 8),
                HeatmapRoiStatistics.totalMass(layer));
        assertEquals(68.0 / 160, s.massShare(), 1e-12);
        assertEquals(68.0 / 32, s.values().mean(), 1e-12);
    }

    @Test
    void negativeValuesCarryNoMass() {
        HeatmapLayer layer = new HeatmapLayer("signed", new PatchMap("gradcam", "t", 2, 2, 1,
                new float[] {-5, 1, 1, 2}, MapGeometry.identity(8, 8, 4), "t"));
        layer.setShowPatchCells(true);
        double total = HeatmapRoiStatistics.totalMass(layer);
        assertEquals(16 * 4, total, 1e-9);
        HeatmapRoiStatistics s = HeatmapRoiStatistics.of(layer, new Roi.Rectangle(0, 0, 4, 4), total);
        assertEquals(0, s.massShare(), 0);
        assertEquals(-5, s.values().mean(), 1e-12);
    }

    private static double g(int i) {
        return Math.max(0, Math.min(1, (i + 0.5) / 4 - 0.5));
    }
}
