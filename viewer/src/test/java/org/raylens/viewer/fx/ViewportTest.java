package org.raylens.viewer.fx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.raylens.viewer.image.ViewTransform;
import org.raylens.viewer.overlay.ScaleBarOverlay;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The viewport in a real (headless) scene: mouse and keys reach the model and change the rendered pixels. */
@ExtendWith(ApplicationExtension.class)
class ViewportTest {

    private static final int VIEW_W = 400;
    private static final int VIEW_H = 300;

    private final SyntheticImage image = SyntheticImage.ramp(400, 200);
    private ViewportModel model;
    private Viewport viewport;

    @Start
    void start(Stage stage) {
        model = new ViewportModel();
        viewport = new Viewport(model);
        viewport.getOverlays().add(new ScaleBarOverlay(() -> model.getImage() == null ? null
                : model.getImage().pixelSpacingMm()));
        model.setImage(image);
        stage.setScene(new Scene(new StackPane(viewport), VIEW_W, VIEW_H));
        stage.show();
    }

    @Test
    void rendersTheImageFittedAndCentred() throws Exception {
        int[] px = snapshot();
        assertEquals(1.0, model.getZoom(), 1e-12, "400x200 fits a 400x300 view at 1:1");
        assertEquals(Viewport.BACKGROUND_ARGB, px[10 * VIEW_W + 200], "the letterbox above the image is background");
        // View (x, 50 + y) shows source (x, y); with the default window NARROW (c=100, w=50) value x+2y:
        assertEquals(0xFF000000, px[(50 + 10) * VIEW_W + 20], "value 40 is below the window: black");
        assertEquals(0xFFFFFFFF, px[(50 + 10) * VIEW_W + 300], "value 320 is above the window: white");
        assertTrue(viewport.lastRenderMillisProperty().get() >= 0);
    }

    @Test
    void rightDragChangesTheRenderedPixels(FxRobot robot) throws Exception {
        int[] before = snapshot();
        var startWindow = model.getWindow();
        robot.drag(centre(), MouseButton.SECONDARY).moveBy(80, 40).drop();
        WaitForAsyncUtils.waitForFxEvents();
        int[] after = snapshot();
        assertTrue(model.getWindow().width() > startWindow.width(), "dragging right widens the window");
        assertTrue(model.getWindow().center() > startWindow.center(), "dragging down raises the centre");
        assertFalse(java.util.Arrays.equals(before, after), "the rendered pixels changed");
        assertEquals(1.0, model.getZoom(), 1e-12, "a right drag does not pan or zoom");
    }

    @Test
    void leftDragPans(FxRobot robot) throws Exception {
        ViewTransform before = model.getTransform();
        robot.drag(centre(), MouseButton.PRIMARY).moveBy(30, 20).drop();
        WaitForAsyncUtils.waitForFxEvents();
        double[] moved = model.getTransform().toView(before.toSourceX(200, 150), before.toSourceY(200, 150));
        assertEquals(230, moved[0], 1.0);
        assertEquals(170, moved[1], 1.0);
    }

    @Test
    void wheelZoomKeepsTheImagePointUnderTheCursorFixed(FxRobot robot) throws Exception {
        // Zoom off 1:1 first so the cursor does not sit exactly on a pixel boundary, where the readout's floor would
        // flip on a rounding error.
        WaitForAsyncUtils.asyncFx(() -> model.zoomAbout(7, 11, 1.37)).get(5, TimeUnit.SECONDS);
        Point2D local = new Point2D(123, 97);
        robot.moveTo(viewport.localToScreen(local));
        WaitForAsyncUtils.waitForFxEvents();
        ViewTransform before = model.getTransform();
        PixelReadout readoutBefore = model.getReadout();
        assertNotNull(readoutBefore);
        double zoomBefore = model.getZoom();

        robot.scroll(3, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        robot.scroll(1, VerticalDirection.DOWN);
        WaitForAsyncUtils.waitForFxEvents();

        ViewTransform after = model.getTransform();
        assertTrue(Math.abs(model.getZoom() - zoomBefore) > 0.05, "the wheel zoomed: " + model.getZoom());
        assertEquals(before.toSourceX(local.getX(), local.getY()), after.toSourceX(local.getX(), local.getY()), 0.5);
        assertEquals(before.toSourceY(local.getX(), local.getY()), after.toSourceY(local.getX(), local.getY()), 0.5);
        assertEquals(readoutBefore, model.getReadout(), "the same pixel is under the cursor");
    }

    @Test
    void keysSelectPresetsAndInvert(FxRobot robot) throws Exception {
        robot.clickOn(viewport, MouseButton.PRIMARY);
        int[] narrow = snapshot();
        robot.type(KeyCode.DIGIT2);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("WIDE", model.getWindow().name());
        int[] wide = snapshot();
        assertFalse(java.util.Arrays.equals(narrow, wide), "preset 2 renders differently");

        robot.type(KeyCode.I);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(model.isInvert());
        int[] inverted = snapshot();
        int inside = (50 + 100) * VIEW_W + 150;
        assertEquals(255 - (wide[inside] & 0xFF), inverted[inside] & 0xFF, "invert maps grey g to 255 - g");

        robot.type(KeyCode.R);
        WaitForAsyncUtils.waitForFxEvents();
        assertArrayEquals(narrow, snapshot(), "reset restores the opening view exactly");
    }

    @Test
    void manyChangesBetweenFramesRenderOnce() throws Exception {
        snapshot();
        long before = viewport.renderCountProperty().get();
        WaitForAsyncUtils.asyncFx(() -> {
            for (int i = 0; i < 20; i++) {
                model.panBy(1, 0);
                model.adjustWindow(1, 0);
            }
        }).get(5, TimeUnit.SECONDS);
        snapshot();
        assertEquals(before + 1, viewport.renderCountProperty().get());
    }

    @Test
    void scaleBarIsPaintedAboveTheImage() throws Exception {
        int[] px = snapshot();
        int y = VIEW_H - 16 - 2; // inside the 4-px bar, 16 px above the bottom
        assertEquals(0xFFFFFFFF, px[y * VIEW_W + 20], "scale bar pixel");
        WaitForAsyncUtils.asyncFx(() -> viewport.getOverlays().clear()).get(5, TimeUnit.SECONDS);
        assertEquals(Viewport.BACKGROUND_ARGB, snapshot()[y * VIEW_W + 20], "background once the bar is removed");
    }

    @Test
    void aFailingImageRenderShowsBackgroundAndReportsInsteadOfThrowing() throws Exception {
        SyntheticImage failing = new SyntheticImage(4, 4, new short[16], java.util.List.of(), null) {
            @Override
            public void render(org.raylens.viewer.image.VoiWindow window, boolean invert, ViewTransform view,
                    int[] dst, int dstWidth, int dstHeight, int background) {
                throw new IllegalStateException("decoder bug");
            }
        };
        WaitForAsyncUtils.asyncFx(() -> model.setImage(failing)).get(5, TimeUnit.SECONDS);
        int[] px = snapshot();
        assertEquals(Viewport.BACKGROUND_ARGB, px[VIEW_H / 2 * VIEW_W + VIEW_W / 2]);
        assertEquals("decoder bug", viewport.renderFailureProperty().get().getMessage());
        WaitForAsyncUtils.asyncFx(() -> model.setImage(image)).get(5, TimeUnit.SECONDS);
        snapshot();
        assertEquals(null, viewport.renderFailureProperty().get(), "a good render clears the failure");
    }

    @Test
    void aHiDpiBufferMapsDevicePixelsToTheSameSourcePoints() {
        ViewTransform view = new ViewTransform(0, 0.5, 10, -0.5, 0, 300);
        ViewTransform buffer = Viewport.bufferTransform(view, 2);
        for (double[] p : new double[][] {{0, 0}, {13, 7}, {399.5, 299.5}}) {
            assertEquals(view.toSourceX(p[0], p[1]), buffer.toSourceX(2 * p[0], 2 * p[1]), 1e-12);
            assertEquals(view.toSourceY(p[0], p[1]), buffer.toSourceY(2 * p[0], 2 * p[1]), 1e-12);
        }
        assertEquals(view, Viewport.bufferTransform(view, 1));
    }

    private Point2D centre() {
        return viewport.localToScreen(VIEW_W / 2.0, VIEW_H / 2.0);
    }

    private int[] snapshot() throws InterruptedException, ExecutionException, TimeoutException {
        return WaitForAsyncUtils.asyncFx(() -> {
            WritableImage img = viewport.snapshot(null, null);
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            assertEquals(VIEW_W, w);
            assertEquals(VIEW_H, h);
            int[] argb = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
            return argb;
        }).get(10, TimeUnit.SECONDS);
    }
}
