package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeStudyLoader;
import org.raylens.app.RayLensApp;
import org.raylens.app.analysis.DemoEncoder;
import org.raylens.app.layers.LayerKind;
import org.raylens.app.layers.LayerRow;
import org.raylens.overlays.layer.MaskLayer;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.viewer.fx.Viewport;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The whole pipeline in the headless window: demo encoder, layers, colormaps, click-a-patch, the badge. */
@ExtendWith(ApplicationExtension.class)
class AnalysisWorkflowTest {

    @TempDir
    static Path config;

    private RayLensApp app;

    @Start
    void start(Stage stage) {
        app = new RayLensApp(new FakeStudyLoader(), new SameThreadRunner(), config);
        app.start(stage);
    }

    @Test
    void theDemoRunShowsAttentionThatCanBeHiddenAndRecoloured(FxRobot robot) throws Exception {
        Viewport viewport = robot.lookup("#viewport").queryAs(Viewport.class);
        int[] plain = snapshot(viewport);
        robot.clickOn("#runAnalysis");
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(app.workbench().analysis().getResult(), app.workbench().analysis().messageProperty().get());
        assertTrue(app.window().layerBinder().badge().isActive(), "demo results carry the badge");
        CheckBox attention = robot.lookup("#layer-attention-visible").queryAs(CheckBox.class);
        assertTrue(attention.isSelected(), "the first map switches its layer on");
        int[] withMap = snapshot(viewport);
        assertFalse(Arrays.equals(plain, withMap), "the attention map is painted over the image");

        robot.interact(() -> app.workbench().layers().row(LayerKind.ATTENTION).colormapProperty().set("jet"));
        @SuppressWarnings("unchecked")
        ComboBox<String> colormap = robot.lookup("#layer-attention-colormap").queryAs(ComboBox.class);
        assertEquals("jet", colormap.getValue());
        int[] jet = snapshot(viewport);
        assertFalse(Arrays.equals(withMap, jet), "another colormap paints other colours");

        robot.clickOn(attention);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(app.workbench().layers().row(LayerKind.ATTENTION).visibleProperty().get());
        int[] hidden = snapshot(viewport);
        assertFalse(Arrays.equals(jet, hidden));
    }

    @Test
    void theDemoMaskIsOfferedOffAndFillAndContourPaintDifferently(FxRobot robot) throws Exception {
        Viewport viewport = robot.lookup("#viewport").queryAs(Viewport.class);
        robot.clickOn("#runAnalysis");
        WaitForAsyncUtils.waitForFxEvents();
        LayerRow mask = app.workbench().layers().row(LayerKind.MASK);
        assertNotNull(mask.getMask(), app.workbench().analysis().messageProperty().get());
        assertEquals(DemoEncoder.MASK_LABEL, mask.getMask().label());
        assertTrue(app.workbench().analysis().getResult().provenance().contains("Demo segmentation"));
        assertInstanceOf(MaskLayer.class, app.window().layerBinder().layer(LayerKind.MASK));
        CheckBox visible = robot.lookup("#layer-mask-visible").queryAs(CheckBox.class);
        assertTrue(!visible.isSelected() && !visible.isDisabled(),
                "a random mask is offered but off until asked for");
        assertFalse(app.window().layerBinder().layer(LayerKind.MASK).isVisible(), "so it is not painted");
        assertTrue(app.window().layerBinder().badge().isActive(), "the demo mask carries the badge");

        robot.interact(() -> app.workbench().layers().row(LayerKind.ATTENTION).visibleProperty().set(false));
        int[] none = snapshot(viewport);
        robot.interact(() -> mask.visibleProperty().set(true));
        int[] fill = snapshot(viewport);
        @SuppressWarnings("unchecked")
        ChoiceBox<LayerRow.MaskStyle> style = robot.lookup("#layer-mask-style").queryAs(ChoiceBox.class);
        robot.interact(() -> style.setValue(LayerRow.MaskStyle.CONTOUR));
        assertEquals(MaskLayer.Style.CONTOUR, ((MaskLayer) app.window().layerBinder().layer(LayerKind.MASK)).style());
        int[] contour = snapshot(viewport);
        int filled = differing(none, fill);
        int outlined = differing(none, contour);
        assertTrue(filled > 0 && outlined > 0, "both styles paint: " + filled + ", " + outlined);
        assertTrue(outlined < filled, "a contour covers fewer pixels than the filled area: " + outlined + " vs "
                + filled);
        robot.interact(() -> mask.colourProperty().set("#00ff00"));
        assertFalse(Arrays.equals(contour, snapshot(viewport)), "the colour is applied");
    }

    private static int differing(int[] a, int[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] != b[i] ? 1 : 0;
        }
        return n;
    }

    @Test
    void clickingPatchesInClickModeRecomputesThePointMap(FxRobot robot) {
        robot.clickOn("#runAnalysis");
        robot.clickOn("#clickMode");
        Viewport viewport = robot.lookup("#viewport").queryAs(Viewport.class);
        var bounds = viewport.localToScreen(viewport.getBoundsInLocal());
        robot.clickOn(bounds.getCenterX() - 40, bounds.getCenterY() - 20);
        WaitForAsyncUtils.waitForFxEvents();
        var analysis = app.workbench().analysis();
        assertNotNull(analysis.pointMapProperty().get(), analysis.messageProperty().get());
        float[] first = analysis.pointMapProperty().get().values();
        robot.clickOn(bounds.getCenterX() + 40, bounds.getCenterY() + 30);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(Arrays.equals(first, analysis.pointMapProperty().get().values()));
        assertTrue(app.workbench().layers().row(LayerKind.POINT).visibleProperty().get());
    }

    @Test
    void pageUpAndPlusChooseLayerAndHead(FxRobot robot) {
        robot.clickOn("#runAnalysis");
        var analysis = app.workbench().analysis();
        int layer = analysis.layerProperty().get();
        robot.clickOn("#viewport");
        robot.type(javafx.scene.input.KeyCode.PAGE_DOWN);
        robot.type(javafx.scene.input.KeyCode.EQUALS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(layer - 1, analysis.layerProperty().get());
        assertEquals(0, analysis.headProperty().get(), "from the mean to the first head");
        assertTrue(analysis.attentionMapProperty().get().description().contains("head 1/"));
    }

    @Test
    void onScreenTheNotSeenLabelAndTheDemoBadgeDoNotOverlap(FxRobot robot) throws Exception {
        // A tall image centre-cropped leaves its unseen strips at the top, under the badge, and at the bottom.
        var tall = new org.raylens.core.result.MapGeometry(200, 400, 224, 448, 0, 112, 224, 224, 14, 16, 16);
        var layer = new org.raylens.overlays.layer.NotSeenBorderLayer(tall);
        for (double zoom : new double[] {1, 1.7, 2.4}) {
            double[][] boxes = WaitForAsyncUtils.asyncFx(() -> {
                double w = 200 * zoom;
                double h = 400 * zoom;
                var canvas = new javafx.scene.canvas.Canvas(w, h);
                var fx = new org.raylens.viewer.fx.FxOverlayCanvas(canvas.getGraphicsContext2D(), w, h);
                return new double[][] {
                        layer.labelBounds(fx, org.raylens.viewer.image.ViewTransform.zoomPan(zoom, 0, 0)),
                        org.raylens.overlays.layer.DemoBadgeLayer.bounds(fx)};
            }).get(10, TimeUnit.SECONDS);
            double[] label = boxes[0];
            double[] badge = boxes[1];
            assertNotNull(label, "zoom " + zoom);
            boolean overlap = label[0] < badge[0] + badge[2] && badge[0] < label[0] + label[2]
                    && label[1] < badge[1] + badge[3] && badge[1] < label[1] + label[3];
            assertFalse(overlap, "zoom " + zoom + ": " + Arrays.toString(label) + " vs " + Arrays.toString(badge));
        }
    }

    static int[] snapshot(Viewport viewport) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            WritableImage img = viewport.snapshot(null, null);
            int w = (int) img.getWidth();
            int h = (int) img.getHeight();
            int[] argb = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
            return argb;
        }).get(10, TimeUnit.SECONDS);
    }
}
