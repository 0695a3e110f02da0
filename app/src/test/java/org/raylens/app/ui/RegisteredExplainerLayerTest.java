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
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeStudyLoader;
import org.raylens.app.RayLensApp;
import org.raylens.app.layers.LayerKind;
import org.raylens.app.layers.LayerRow;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.viewer.fx.Viewport;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A method registered from the test resources alone (META-INF/services, {@code org.raylens.app.cli.ToyExplainer})
 * becomes a row of the layers panel: titled by its display name, filled by the Analyse and painted when switched on,
 * with no UI code naming it.
 */
@ExtendWith(ApplicationExtension.class)
class RegisteredExplainerLayerTest {

    @TempDir
    static Path config;

    private RayLensApp app;

    @Start
    void start(Stage stage) {
        app = new RayLensApp(new FakeStudyLoader(), new SameThreadRunner(), config);
        app.start(stage);
    }

    @Test
    void aToyExplainerRegisteredFromTestResourcesIsARowFilledByAnalyseAndPainted(FxRobot robot) throws Exception {
        LayerKind toy = LayerKind.forMethod("toy-norm").orElseThrow();
        LayerRow row = app.workbench().layers().row(toy);
        assertNotNull(row, "the window has a row for the registered explainer");
        CheckBox visible = robot.lookup("#layer-toy-norm-visible").queryAs(CheckBox.class);
        assertEquals("Patch token norm (test)", visible.getText());
        assertTrue(visible.isDisabled(), "nothing to show before the analysis");
        assertNull(row.getMap());

        Viewport viewport = robot.lookup("#viewport").queryAs(Viewport.class);
        robot.clickOn("#runAnalysis");
        WaitForAsyncUtils.waitForFxEvents();
        var result = app.workbench().analysis().getResult();
        assertNotNull(result, app.workbench().analysis().messageProperty().get());
        assertNotNull(row.getMap(), "the Analyse filled the row");
        assertArrayEquals(result.map("toy-norm").orElseThrow().values(), row.getMap().values());
        assertFalse(visible.isDisabled());
        @SuppressWarnings("unchecked")
        ComboBox<String> colormap = robot.lookup("#layer-toy-norm-colormap").queryAs(ComboBox.class);
        assertNotNull(colormap, "a scalar map gets a colormap chooser");
        assertNotNull(robot.lookup("#colorbar-toy-norm").tryQuery().orElse(null), "and a colorbar");

        // only the toy on: what is painted is its map
        robot.interact(() -> app.workbench().layers().rows().forEach(r -> r.visibleProperty().set(false)));
        WaitForAsyncUtils.waitForFxEvents();
        int[] without = AnalysisWorkflowTest.snapshot(viewport);
        robot.interact(visible::fire); // as a click does (the row may lie below the panel's fold)
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(row.visibleProperty().get());
        HeatmapLayer layer = assertInstanceOf(HeatmapLayer.class, app.window().layerBinder().layer(toy));
        assertTrue(layer.isVisible());
        assertTrue(layer.label().startsWith("Patch token norm (test)"), layer.label());
        assertFalse(Arrays.equals(without, AnalysisWorkflowTest.snapshot(viewport)), "the toy's map is painted");
    }
}
