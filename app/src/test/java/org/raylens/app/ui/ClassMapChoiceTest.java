package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeStudyLoader;
import org.raylens.app.RayLensApp;
import org.raylens.app.analysis.AnalysisResult;
import org.raylens.app.layers.LayerKind;
import org.raylens.app.layers.LayerRow;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.core.result.PatchMap;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The class map controls (issue 15): the class picked in the window is the class the CAM explains (and the scores
 * panel's pick follows), another CAM method and its declared parameters (eigen_smooth) change the map, each equal to
 * the pipeline's own map for that class, method and parameters. The demo encoder has gradients and a head.
 */
@ExtendWith(ApplicationExtension.class)
class ClassMapChoiceTest {

    @TempDir
    static Path config;

    private RayLensApp app;

    @Start
    void start(Stage stage) {
        app = new RayLensApp(new FakeStudyLoader(), new SameThreadRunner(), config);
        app.start(stage);
    }

    @Test
    void theChosenClassMethodAndParametersAreWhatTheMapExplains(FxRobot robot) {
        robot.clickOn("#runAnalysis");
        WaitForAsyncUtils.waitForFxEvents();
        AnalysisResult r = app.workbench().analysis().getResult();
        assertNotNull(r, app.workbench().analysis().messageProperty().get());
        List<String> labels = r.head().orElseThrow().labels();
        assertTrue(labels.size() >= 2);
        @SuppressWarnings("unchecked")
        ComboBox<String> label = robot.lookup("#classMapLabel").queryAs(ComboBox.class);
        assertEquals(labels, label.getItems(), "the head's labels are offered");
        LayerRow row = app.workbench().layers().row(LayerKind.GRADCAM);

        robot.interact(() -> label.setValue(labels.get(0)));
        WaitForAsyncUtils.waitForFxEvents();
        PatchMap first = row.getMap();
        assertNotNull(first, app.workbench().analysis().messageProperty().get());
        assertArrayEquals(app.service().gradCam(r, labels.get(0)).values(), first.values());

        robot.interact(() -> label.setValue(labels.get(1)));
        WaitForAsyncUtils.waitForFxEvents();
        PatchMap second = row.getMap();
        assertEquals(labels.get(1), app.workbench().scores().selectedLabelProperty().get(),
                "the scores panel's pick follows");
        assertArrayEquals(app.service().gradCam(r, labels.get(1)).values(), second.values());
        assertFalse(Arrays.equals(first.values(), second.values()), "another class, another map");
        assertTrue(row.titleProperty().get().endsWith(": " + labels.get(1)), row.titleProperty().get());

        // the scores panel's pick is the same choice
        robot.interact(() -> app.workbench().scores().pick(labels.get(0)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(labels.get(0), label.getValue());
        assertArrayEquals(first.values(), row.getMap().values());

        @SuppressWarnings("unchecked")
        ChoiceBox<String> method = robot.lookup("#classMapMethod").queryAs(ChoiceBox.class);
        assertTrue(method.getItems().containsAll(List.of("gradcam", "gradcam++", "hirescam", "xgradcam",
                "layercam", "scorecam", "ablationcam", "occlusion", "rise")), method.getItems().toString());
        robot.interact(() -> method.setValue("gradcam++"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("gradcam++", row.getMap().method());
        assertTrue(row.titleProperty().get().startsWith("Grad-CAM++: "), row.titleProperty().get());
        PatchMap plusPlus = row.getMap();

        TextField eigen = robot.lookup("#classMapParam-eigen_smooth").queryAs(TextField.class);
        robot.interact(() -> {
            eigen.setText("true");
            eigen.fireEvent(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("true", app.workbench().analysis().headParametersProperty().get().values().get("eigen_smooth"));
        assertFalse(Arrays.equals(plusPlus.values(), row.getMap().values()), "eigen_smooth maps another projection");
        assertArrayEquals(app.service().headMap(r, "gradcam++", labels.get(0),
                app.workbench().analysis().headParametersProperty().get(),
                org.raylens.core.progress.Progress.NONE, org.raylens.core.progress.CancellationToken.NONE).values(),
                row.getMap().values());
    }
}
