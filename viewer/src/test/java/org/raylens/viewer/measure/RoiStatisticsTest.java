package org.raylens.viewer.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ROI statistics against sums written out by hand. */
class RoiStatisticsTest {

    /** v(x, y) = 10x + y on a 10 × 8 image. */
    private static double value(int x, int y) {
        return 10 * x + y;
    }

    @Test
    void rectangleMeanSdMinMax() {
        // pixel centres inside [2, 5) × [3, 6): x ∈ {2, 3, 4}, y ∈ {3, 4, 5}; corners given in reverse order
        RoiStatistics s = RoiStatistics.over(new Roi.Rectangle(5, 6, 2, 3), 10, 8, RoiStatisticsTest::value);
        List<Double> v = new ArrayList<>();
        for (int x = 2; x <= 4; x++) {
            for (int y = 3; y <= 5; y++) {
                v.add(value(x, y));
            }
        }
        double mean = v.stream().mapToDouble(d -> d).sum() / v.size();
        double ss = v.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum();
        assertEquals(9, s.count());
        assertEquals(34.0, mean, 1e-12); // the mean of 10x + y is 10·3 + 4
        assertEquals(mean, s.mean(), 1e-12);
        assertEquals(Math.sqrt(ss / 8), s.standardDeviation(), 1e-12);
        assertEquals(23, s.min());
        assertEquals(45, s.max());
    }

    @Test
    void ellipseTakesPixelsWhoseCentresAreInside() {
        // circle of radius 2 about (2, 2): of the 4 × 4 pixel centres at 0.5…3.5 the four corners lie outside
        // ((1.5² + 1.5²) / 4 = 1.125 > 1), the other 12 inside
        RoiStatistics s = RoiStatistics.over(new Roi.Ellipse(0, 0, 4, 4), 10, 8, RoiStatisticsTest::value);
        assertEquals(12, s.count());
        double sum = 0;
        for (int x = 0; x < 4; x++) {
            for (int y = 0; y < 4; y++) {
                boolean corner = (x == 0 || x == 3) && (y == 0 || y == 3);
                sum += corner ? 0 : value(x, y);
            }
        }
        assertEquals(sum / 12, s.mean(), 1e-12);
        assertEquals(Math.PI * 4, new Roi.Ellipse(0, 0, 4, 4).area(), 1e-12);
    }

    @Test
    void outsideTheImageAndNaNAreNotCounted() {
        RoiStatistics s = RoiStatistics.over(new Roi.Rectangle(-5, -5, 3, 1), 10, 8,
                (x, y) -> x == 1 ? Double.NaN : 7);
        assertEquals(2, s.count()); // pixels (0,0), (1,0), (2,0) are in the image; (1,0) is NaN
        assertEquals(7, s.mean());
        assertEquals(0, s.standardDeviation());
        assertEquals(0, RoiStatistics.over(new Roi.Rectangle(20, 20, 30, 30), 10, 8, (x, y) -> 1).count());
    }
}
