package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeStudyLoader;
import org.raylens.app.RayLensApp;
import org.raylens.app.analysis.AnalysisResult;
import org.raylens.app.analysis.EncoderChoice;
import org.raylens.app.analysis.MethodAvailability;
import org.raylens.app.layers.LayerKind;
import org.raylens.app.layers.LayerRow;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.inference.toy.ToyEncoderFamily;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.viewer.fx.Viewport;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 13's "done when", window half: an encoder family and an explainer added from test code alone (the inference
 * test-jar's {@link ToyEncoderFamily}, the app tests' {@code ToyExplainer}) work in the window with no main-code
 * edit. The toy model folder is imported through the models panel's own import, the sample image analysed; the toy
 * explainer's row and PCA are filled, and the rows of what the toy cannot give (attention, rollout and click-a-patch
 * need attention maps, Grad-CAM gradients) are greyed out with the reason.
 */
@ExtendWith(ApplicationExtension.class)
class ToyEncoderFamilyWindowTest {

    @TempDir
    static Path config;
    @TempDir
    static Path models;

    private RayLensApp app;

    @Start
    void start(Stage stage) {
        app = new RayLensApp(new FakeStudyLoader(), new SameThreadRunner(), config);
        app.start(stage);
    }

    @Test
    void aToyModelImportedInTheWindowAnalysesWithItsRowsAndGreysOutWhatItCannotGive(FxRobot robot) throws Exception {
        Path toy = models.resolve("toy-model");
        ToyEncoderFamily.mark(toy);
        robot.interact(() -> app.workbench().models().importFolder(toy));
        WaitForAsyncUtils.waitForFxEvents();
        String said = app.workbench().models().messageProperty().get();
        EncoderChoice active = app.workbench().models().activeProperty().get();
        EncoderChoice.Imported imported = assertInstanceOf(EncoderChoice.Imported.class, active, said);
        assertEquals(toy.toAbsolutePath(), imported.folder().toAbsolutePath());
        assertTrue(said.startsWith("Imported toy-model"), said);

        robot.clickOn("#runAnalysis");
        WaitForAsyncUtils.waitForFxEvents();
        AnalysisResult result = app.workbench().analysis().getResult();
        assertNotNull(result, app.workbench().analysis().messageProperty().get());
        assertTrue(result.provenance().contains("toy-model"), result.provenance());
        Map<String, String> unavailable = new java.util.HashMap<>(Map.of("attention", MethodAvailability.NO_ATTENTIONS,
                "rollout", MethodAvailability.NO_ATTENTIONS, "point", MethodAvailability.NO_ATTENTIONS));
        for (String cam : java.util.List.of("gradcam", "gradcam++", "hirescam", "xgradcam", "layercam", "eigencam",
                "scorecam", "ablationcam")) {
            unavailable.put(cam, MethodAvailability.NO_GRADIENTS);
        }
        for (String input : java.util.List.of("saliency", "smoothgrad", "integrated-gradients")) {
            unavailable.put(input, MethodAvailability.NO_INPUT_GRADIENTS);
        }
        assertEquals(unavailable, result.unavailable(), "occlusion and RISE need only forwards");
        assertTrue(app.workbench().analysis().messageProperty().get().contains("no attention maps"),
                app.workbench().analysis().messageProperty().get());
        assertEquals("\u2014", app.workbench().analysis().layerText(), "no layer to choose");
        assertEquals("\u2014", app.workbench().analysis().headText(), "no head to choose");

        // the toy explainer's row is filled by the Analyse and painted when switched on
        LayerRow toyRow = app.workbench().layers().row(LayerKind.forMethod("toy-norm").orElseThrow());
        assertNotNull(toyRow.getMap(), "the Analyse filled the toy explainer's row");
        assertArrayEquals(result.map("toy-norm").orElseThrow().values(), toyRow.getMap().values());
        assertNull(toyRow.getUnavailable());
        LayerRow pca = app.workbench().layers().row(LayerKind.PCA);
        assertNotNull(pca.getMap(), "PCA needs only tokens");
        assertEquals(3, pca.getMap().channels());
        assertFalse(robot.lookup("#layer-pca-visible").queryAs(CheckBox.class).isDisabled());

        Viewport viewport = robot.lookup("#viewport").queryAs(Viewport.class);
        robot.interact(() -> app.workbench().layers().rows().forEach(r -> r.visibleProperty().set(false)));
        int[] without = AnalysisWorkflowTest.snapshot(viewport);
        CheckBox toyVisible = robot.lookup("#layer-toy-norm-visible").queryAs(CheckBox.class);
        assertFalse(toyVisible.isDisabled());
        robot.interact(toyVisible::fire);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(assertInstanceOf(HeatmapLayer.class, app.window().layerBinder().layer(toyRow.kind())).isVisible());
        assertFalse(Arrays.equals(without, AnalysisWorkflowTest.snapshot(viewport)), "the toy's map is painted");

        // what the toy cannot give is greyed out, saying why
        Map<LayerKind, String> greyed = Map.of(LayerKind.ATTENTION, MethodAvailability.NO_ATTENTIONS,
                LayerKind.ROLLOUT, MethodAvailability.NO_ATTENTIONS, LayerKind.POINT, MethodAvailability.NO_ATTENTIONS,
                LayerKind.GRADCAM, MethodAvailability.NO_GRADIENTS);
        for (Map.Entry<LayerKind, String> e : greyed.entrySet()) {
            LayerRow row = app.workbench().layers().row(e.getKey());
            String id = e.getKey().nodeId();
            assertEquals(e.getValue(), row.getUnavailable(), id);
            assertNull(row.getMap(), id);
            assertTrue(robot.lookup("#layer-" + id + "-visible").queryAs(CheckBox.class).isDisabled(), id);
            assertEquals(e.getValue(), robot.lookup("#layer-" + id + "-caption").queryAs(Label.class).getText(), id);
        }
        // click-a-patch asks nothing of the model and says why
        robot.interact(() -> assertFalse(app.workbench().analysis().clickAt(30, 30)));
        assertEquals(MethodAvailability.NO_ATTENTIONS, app.workbench().analysis().messageProperty().get());
        assertNull(app.workbench().layers().row(LayerKind.POINT).getMap());
    }
}
