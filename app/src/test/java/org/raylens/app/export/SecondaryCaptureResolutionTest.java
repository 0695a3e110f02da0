package org.raylens.app.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The scale of the window's Secondary Capture (issue 16): the capture is the source's full size, and its decorations
 * are drawn in view units of the size that fits the image into the viewport, so they keep their on-screen share.
 */
class SecondaryCaptureResolutionTest {

    @Test
    void aRadiographLargerThanTheViewIsDrawnAtTheScaleThatFitsIt() {
        // 2 500 × 3 000 into 709 × 772: the rows limit, 3000/772 source pixels per view unit
        assertEquals(3000 / 772.0, ExportModel.captureScale(2500, 3000, 709, 772), 1e-12);
        assertEquals(2500 / 400.0, ExportModel.captureScale(2500, 3000, 400, 900), 1e-12);
    }

    @Test
    void aSmallImageIsNotUpsampledAndTheScaleStaysWithinWhatACaptureHolds() {
        assertEquals(1, ExportModel.captureScale(320, 384, 800, 600), 1e-12);
        assertEquals(8, ExportModel.captureScale(4000, 4000, 100, 100), 1e-12);
        assertEquals(60000 / 20000.0, ExportModel.captureScale(60000, 100, 90000, 90000), 1e-12);
    }
}
