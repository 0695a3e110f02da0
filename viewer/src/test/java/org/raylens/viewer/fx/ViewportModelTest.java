package org.raylens.viewer.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.image.VoiWindow;

/** The viewport's behaviour without a window: geometry, VOI, keys and readout. */
class ViewportModelTest {

    private final SyntheticImage image = SyntheticImage.ramp(400, 200);
    private ViewportModel model;

    @BeforeEach
    void setUp() {
        model = new ViewportModel();
        model.setViewSize(800, 600);
        model.setImage(image);
    }

    @Test
    void newImageIsFittedCentredWithItsDefaultWindow() {
        assertEquals(2.0, model.getZoom(), 1e-12, "400x200 in 800x600 fits at 2x (width-limited)");
        assertEquals(200, model.getTransform().toSourceX(400, 300), 1e-9);
        assertEquals(100, model.getTransform().toSourceY(400, 300), 1e-9);
        assertEquals(image.defaultWindow(), model.getWindow());
        assertTrue(model.fittedProperty().get());
    }

    @Test
    void fittedViewFitsAgainOnResizeButAZoomedOneKeepsItsCentre() {
        model.setViewSize(400, 600);
        assertEquals(1.0, model.getZoom(), 1e-12);
        model.zoomAbout(100, 100, 2);
        double cx = model.centerXProperty().get();
        double zoom = model.getZoom();
        model.setViewSize(1000, 1000);
        assertEquals(zoom, model.getZoom(), 1e-12);
        assertEquals(cx, model.centerXProperty().get(), 1e-12);
    }

    @Test
    void zoomAboutKeepsTheSourcePointUnderTheCursor() {
        double[][] cursors = {{123.4, 56.7}, {0, 0}, {799, 599}, {400, 300}};
        for (double[] c : cursors) {
            for (double factor : new double[] {1.19, 3, 0.5, 1e6, 1e-6}) {
                ViewTransform before = model.getTransform();
                double sx = before.toSourceX(c[0], c[1]);
                double sy = before.toSourceY(c[0], c[1]);
                model.zoomAbout(c[0], c[1], factor);
                ViewTransform after = model.getTransform();
                assertEquals(sx, after.toSourceX(c[0], c[1]), 1e-9, "x at " + c[0] + "," + c[1] + " f=" + factor);
                assertEquals(sy, after.toSourceY(c[0], c[1]), 1e-9, "y at " + c[0] + "," + c[1] + " f=" + factor);
            }
        }
        assertEquals(ViewportModel.MIN_ZOOM, model.getZoom(), 1e-12, "the last factor was clamped to the minimum");
        assertFalse(model.fittedProperty().get());
    }

    @Test
    void panMovesTheContentWithTheMouse() {
        double[] before = model.getTransform().toView(50, 50);
        model.panBy(30, -20);
        double[] after = model.getTransform().toView(50, 50);
        assertEquals(before[0] + 30, after[0], 1e-9);
        assertEquals(before[1] - 20, after[1], 1e-9);
    }

    @Test
    void actualPixelsIsOneToOneAboutTheViewCentreAndFitRestores() {
        model.panBy(17, 5);
        double cx = model.getTransform().toSourceX(400, 300);
        model.actualPixels();
        assertEquals(1.0, model.getTransform().scale(), 1e-12);
        assertEquals(cx, model.getTransform().toSourceX(400, 300), 1e-9);
        model.fit();
        assertEquals(2.0, model.getZoom(), 1e-12);
        assertEquals(200, model.getTransform().toSourceX(400, 300), 1e-9);
    }

    @Test
    void rightDragMovesWidthHorizontallyAndCentreVerticallyInProportionToTheRange() {
        VoiWindow start = model.getWindow();
        double range = image.maxModalityValue() - image.minModalityValue();
        model.adjustWindow(10, 0);
        assertEquals(start.width() + 10 * range * ViewportModel.WINDOW_FRACTION_PER_PIXEL,
                model.getWindow().width(), 1e-9);
        assertEquals(start.center(), model.getWindow().center(), 1e-9);
        model.adjustWindow(0, -4);
        assertEquals(start.center() - 4 * range * ViewportModel.WINDOW_FRACTION_PER_PIXEL,
                model.getWindow().center(), 1e-9);
        assertEquals(ViewportModel.MANUAL_WINDOW_NAME, model.getWindow().name());
    }

    @Test
    void windowWidthNeverReachesZero() {
        model.adjustWindow(-1e9, 0);
        assertTrue(model.getWindow().width() > 0);
    }

    @Test
    void keysSelectPresetsDefaultInvertFitActualAndReset() {
        assertTrue(ViewportKeys.apply(KeyCode.DIGIT2, model));
        assertEquals("WIDE", model.getWindow().name());
        assertTrue(ViewportKeys.apply(KeyCode.NUMPAD1, model));
        assertEquals("NARROW", model.getWindow().name());
        VoiWindow before = model.getWindow();
        assertTrue(ViewportKeys.apply(KeyCode.DIGIT7, model), "a preset the file lacks is still the viewport's key");
        assertEquals(before, model.getWindow(), "and changes nothing");
        model.adjustWindow(50, 50);
        assertTrue(ViewportKeys.apply(KeyCode.DIGIT0, model));
        assertEquals(image.defaultWindow(), model.getWindow());

        assertTrue(ViewportKeys.apply(KeyCode.I, model));
        assertTrue(model.isInvert());
        assertTrue(ViewportKeys.apply(KeyCode.A, model));
        assertEquals(1.0, model.getZoom(), 1e-12);
        assertTrue(ViewportKeys.apply(KeyCode.F, model));
        assertEquals(2.0, model.getZoom(), 1e-12);
        model.zoomAbout(10, 10, 3);
        model.adjustWindow(5, 5);
        assertTrue(ViewportKeys.apply(KeyCode.R, model));
        assertFalse(model.isInvert());
        assertEquals(image.defaultWindow(), model.getWindow());
        assertEquals(2.0, model.getZoom(), 1e-12);
        assertFalse(ViewportKeys.apply(KeyCode.Q, model));
    }

    @Test
    void readoutNamesThePixelUnderTheCursorAndFollowsZoom() {
        // Fitted at 2x, centred: view (400, 300) is source (200, 100); view (401.9, 301.9) is still pixel (200, 100).
        model.pointerMoved(401.9, 301.9);
        PixelReadout r = model.getReadout();
        assertEquals(200, r.x());
        assertEquals(100, r.y());
        assertEquals(image.valueAt(200, 100), r.value(), 0);

        model.zoomAbout(200, 150, 0.5);
        PixelReadout moved = model.getReadout();
        assertNotEquals(r, moved, "zooming under a still cursor updates the readout");
        assertEquals(image.valueAt(moved.x(), moved.y()), moved.value(), 0);

        model.pointerMoved(-5, -5);
        model.fit();
        model.pointerMoved(5, 5);
        assertNull(model.getReadout(), "above the letterboxed image there is no pixel");
        model.pointerMoved(400, 300);
        model.pointerExited();
        assertNull(model.getReadout());
    }

    @Test
    void noImageMeansNoWindowNoPresetsNoReadout() {
        model.setImage(null);
        assertNull(model.getWindow());
        assertTrue(model.presets().isEmpty());
        model.adjustWindow(10, 10);
        model.pointerMoved(10, 10);
        assertNull(model.getReadout());
        assertFalse(model.selectPreset(1));
    }

    @Test
    void aQuarterTurnClockwiseShowsTheTopLeftCornerAtTheTopRightAndRefits() {
        model.rotateClockwise();
        assertEquals(1.5, model.getZoom(), 1e-12, "the 200-wide, 400-high turned image fits 800x600 at 1.5x");
        assertView(550, 0, 0, 0);
        assertView(550, 600, 400, 0);
        assertView(250, 0, 0, 200);
        assertEquals(1, model.quarterTurnsProperty().get());
        model.rotateCounterClockwise();
        assertView(0, 100, 0, 0);
    }

    @Test
    void aLeftRightFlipMirrorsAboutTheViewCentre() {
        model.flipHorizontal();
        assertView(800, 100, 0, 0);
        assertView(0, 500, 400, 200);
        model.reset();
        assertFalse(model.flippedProperty().get());
        assertView(0, 100, 0, 0);
    }

    @Test
    void zoomAndPanBehaveInEveryOrientation() {
        for (int turns = 0; turns < 4; turns++) {
            for (boolean flip : new boolean[] {false, true}) {
                model.reset();
                for (int t = 0; t < turns; t++) {
                    model.rotateClockwise();
                }
                if (flip) {
                    model.flipHorizontal();
                }
                String where = turns + " turns, flip " + flip;
                ViewTransform before = model.getTransform();
                double sx = before.toSourceX(123, 456);
                double sy = before.toSourceY(123, 456);
                model.zoomAbout(123, 456, 2.5);
                assertEquals(sx, model.getTransform().toSourceX(123, 456), 1e-9, where);
                assertEquals(sy, model.getTransform().toSourceY(123, 456), 1e-9, where);

                double[] v0 = model.getTransform().toView(77, 33);
                model.panBy(-12, 40);
                double[] v1 = model.getTransform().toView(77, 33);
                assertEquals(v0[0] - 12, v1[0], 1e-9, where);
                assertEquals(v0[1] + 40, v1[1], 1e-9, where);
                assertEquals(model.getZoom(), model.getTransform().scale(), 1e-12, where);
            }
        }
    }

    private void assertView(double vx, double vy, double sx, double sy) {
        double[] v = model.getTransform().toView(sx, sy);
        assertEquals(vx, v[0], 1e-9, "view x of source (" + sx + ", " + sy + ")");
        assertEquals(vy, v[1], 1e-9, "view y of source (" + sx + ", " + sy + ")");
    }
}
