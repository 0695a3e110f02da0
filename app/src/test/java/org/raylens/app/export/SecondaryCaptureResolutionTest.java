package org.raylens.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.raylens.viewer.image.ViewTransform;

/**
 * The window's Secondary Capture is written at the source's full resolution, not at screen size (issue 16: a
 * 2 500 × 3 000 source was saved as 709 × 772).
 */
class SecondaryCaptureResolutionTest {

    @Test
    void aFittedRadiographIsWrittenAtItsSourceResolution() {
        // 2 500 × 3 000 fitted into 709 × 772: 3000/772 source pixels per view pixel both ways (aspect kept)
        double perView = 3000 / 772.0;
        ViewTransform fitted = new ViewTransform(perView, 0, 0, 0, perView, 0);
        double scale = ExportModel.fullResolutionScale(fitted, 709, 772);
        assertEquals(perView, scale, 1e-12);
        assertEquals(3000, (int) Math.ceil(772 * scale - 1e-9), "rows of the capture");
    }

    @Test
    void aRotatedViewKeepsItsScaleAndAZoomedInViewIsNotUpsampled() {
        ViewTransform rotated = new ViewTransform(0, -2, 100, 2, 0, 0); // 90° and 2 source pixels per view pixel
        assertEquals(2, ExportModel.fullResolutionScale(rotated, 800, 600), 1e-12);
        assertEquals(1, ExportModel.fullResolutionScale(ViewTransform.zoomPan(4, 0, 0), 800, 600), 1e-12);
    }

    @Test
    void theScaleStaysWithinWhatASecondaryCaptureHolds() {
        ViewTransform tiny = new ViewTransform(20, 0, 0, 0, 20, 0);
        assertEquals(8, ExportModel.fullResolutionScale(tiny, 800, 600), 1e-12);
        assertEquals(65535.0 / 9000, ExportModel.fullResolutionScale(tiny, 9000, 600), 1e-12);
    }
}
