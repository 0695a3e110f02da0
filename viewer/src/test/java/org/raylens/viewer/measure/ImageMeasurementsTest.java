package org.raylens.viewer.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.image.ViewTransform;

/** Measurements kept per image, edited by their handles, deleted. */
class ImageMeasurementsTest {

    @Test
    void eachImageKeepsItsOwnMeasurements() {
        ImageMeasurements store = new ImageMeasurements();
        store.showImage("file:///a.dcm");
        store.add(new Measurement.Distance(0, 0, 10, 0));
        store.showImage("file:///b.dcm");
        assertTrue(store.current().isEmpty());
        store.add(new Roi.Ellipse(0, 0, 4, 4));
        store.showImage("file:///a.dcm");
        assertEquals(List.of(new Measurement.Distance(0, 0, 10, 0)), store.current());
        assertTrue(store.removeLast());
        assertTrue(store.current().isEmpty());
        store.showImage("file:///b.dcm");
        store.clear();
        assertTrue(store.current().isEmpty());
    }

    @Test
    void aPressNearAPointGrabsItAndTheDragMovesOnlyThatPoint() {
        ImageMeasurements store = new ImageMeasurements();
        store.add(new Measurement.Distance(10, 10, 50, 10));
        store.add(new Roi.Rectangle(100, 100, 200, 150));
        ViewTransform view = ViewTransform.zoomPan(2, 0, 0); // source (x, y) at view (2x, 2y)
        ImageMeasurements.Handle h = store.handleNear(101, 21, 6, (x, y) -> view.toView(x, y));
        assertEquals(new ImageMeasurements.Handle(0, 2), h); // (50, 10) is at view (100, 20)
        store.moveHandle(h, 60, 25);
        assertEquals(new Measurement.Distance(10, 10, 60, 25), store.current().get(0));
        ImageMeasurements.Handle corner = store.handleNear(398, 302, 6, (x, y) -> view.toView(x, y));
        assertEquals(new ImageMeasurements.Handle(1, 2), corner);
        store.moveHandle(corner, 220, 160);
        assertEquals(new Roi.Rectangle(100, 100, 220, 160), store.current().get(1));
        assertNull(store.handleNear(300, 300, 6, (x, y) -> view.toView(x, y)), "nothing near: a new shape");
    }
}
