package org.raylens.viewer.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.measure.Measurement.Point;

/** Angles in millimetre space, freehand polygons (shoelace area, pixel-centre membership) and their gestures. */
class AngleAndFreehandTest {

    private static final CalibratedSpacing ANISOTROPIC =
            new CalibratedSpacing(0.5, 0.25, SpacingSource.PIXEL_SPACING, null);

    @Test
    void anAngleUsesTheSpacingOfRowsAndColumns() {
        // arms (+10, 0) and (+10, -10) pixels: 45° on the grid; (2.5, 0) and (2.5, -5) mm: atan2(5, 2.5) = 63.43°
        assertEquals(45, CalibratedSpacing.NONE.angleDegrees(20, 30, 10, 30, 20, 20), 1e-12);
        assertEquals(Math.toDegrees(Math.atan(2)), ANISOTROPIC.angleDegrees(20, 30, 10, 30, 20, 20), 1e-12);
        assertEquals(90, ANISOTROPIC.angleDegrees(20, 30, 10, 30, 10, 0), 1e-12);
        assertEquals(180, ANISOTROPIC.angleDegrees(0, 0, 1, 1, 2, 2), 1e-9);
        assertTrue(Double.isNaN(ANISOTROPIC.angleDegrees(10, 30, 10, 30, 20, 20)), "an arm of no length");
    }

    @Test
    void aFreehandTriangleHasTheShoelaceAreaAndItsPixelCentres() {
        Roi.Freehand triangle = new Roi.Freehand(List.of(new Point(0, 0), new Point(10, 0), new Point(0, 10)));
        assertEquals(50, triangle.area(), 1e-12);
        assertEquals(50 * 0.125, ANISOTROPIC.area(triangle.area()), 1e-12);
        // pixel centres (x + .5, y + .5) with x + y + 1 < 10: x + y <= 8, 45 pixels; value x + 2y
        RoiStatistics s = RoiStatistics.over(triangle, 20, 20, (x, y) -> x + 2 * y);
        long n = 0;
        double sum = 0;
        for (int y = 0; y <= 8; y++) {
            for (int x = 0; x + y <= 8; x++) {
                n++;
                sum += x + 2 * y;
            }
        }
        assertEquals(45, n);
        assertEquals(n, s.count());
        assertEquals(sum / n, s.mean(), 1e-12);
        assertEquals(0, s.min());
        assertEquals(16, s.max());
    }

    @Test
    void aSelfCrossingOutlineUsesTheEvenOddRule() {
        // a bow tie: two triangles meeting at (5, 5)
        Roi.Freehand bowTie = new Roi.Freehand(List.of(new Point(0, 0), new Point(10, 10), new Point(10, 0),
                new Point(0, 10)));
        assertTrue(bowTie.contains(1, 5));
        assertTrue(bowTie.contains(9, 5));
        assertFalse(bowTie.contains(5, 1));
        assertEquals(0, bowTie.area(), 1e-12, "opposite lobes cancel in the shoelace sum");
    }

    @Test
    void gesturesDrawAnAngleWithThreeClicksAndAFreehandWithOneDrag() {
        ImageMeasurements store = new ImageMeasurements();
        MeasureGesture g = store.gesture();
        ViewTransform view = ViewTransform.zoomPan(2, 0, 0);
        store.setTool(MeasureTool.ANGLE);
        g.press(20, 20, view);
        g.release(20, 20, true, view);
        g.hover(60, 20, view);
        assertEquals(new Measurement.Distance(10, 10, 30, 10), store.draft(), "after one click, a rubber band");
        g.press(60, 20, view);
        g.release(60, 20, true, view);
        g.press(60, 60, view);
        g.release(60, 60, true, view);
        assertEquals(List.of(new Measurement.Angle(10, 10, 30, 10, 30, 30)), store.current());
        assertEquals(null, store.draft());

        store.setTool(MeasureTool.FREEHAND);
        g.press(200, 200, view);
        g.drag(201, 200, view); // closer than a step: not kept
        g.drag(240, 200, view);
        g.drag(200, 240, view);
        g.release(200, 240, false, view);
        assertEquals(new Roi.Freehand(List.of(new Point(100, 100), new Point(120, 100), new Point(100, 120))),
                store.current().get(1));

        // a press on the freehand's second vertex drags that vertex
        g.press(241, 201, view);
        g.drag(260, 200, view);
        g.release(260, 200, false, view);
        assertEquals(new Point(130, 100), store.current().get(1).points().get(1));
        assertEquals(2, store.current().size());
    }
}
