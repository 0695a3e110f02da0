package org.raylens.app.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeStudyLoader;
import org.raylens.app.RayLensApp;
import org.raylens.app.analysis.EncoderChoice;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.inference.family.dinov2.SyntheticModelFolder;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A model folder with random weights, imported through the models panel: the DEMO marking comes from the folder
 * itself, on screen and in exports, and again after a restart that reopens the remembered model.
 */
@ExtendWith(ApplicationExtension.class)
class SyntheticModelMarkingTest {

    @TempDir
    static Path dir;

    private RayLensApp app;
    private Path config;

    @Start
    void start(Stage stage) throws Exception {
        config = Files.createDirectories(dir.resolve("config"));
        app = new RayLensApp(new FakeStudyLoader(), new SameThreadRunner(), config);
        app.start(stage);
    }

    @Test
    void aSyntheticFolderIsMarkedDemoWhenImportedAndAfterARestart(FxRobot robot) throws Exception {
        Path folder = dir.resolve("synthetic-model");
        SyntheticModelFolder.write(folder, SyntheticModelFolder.tinyGeometry(), 3);
        assertTrue(Files.readString(folder.resolve("config.json")).contains("\"raylens_synthetic\": true"));

        robot.interact(() -> app.workbench().models().importFolder(folder));
        EncoderChoice active = app.workbench().models().activeProperty().get();
        assertInstanceOf(EncoderChoice.Imported.class, active, app.workbench().models().messageProperty().get());
        assertTrue(active.name().contains("DEMO"), "the models list says so: " + active.name());
        assertMarked(robot, app, "imported");

        // Restart: a new window on the same preferences reopens the remembered model, and reads the folder again.
        RayLensApp[] restarted = new RayLensApp[1];
        robot.interact(() -> {
            restarted[0] = new RayLensApp(new FakeStudyLoader(), new SameThreadRunner(), config);
            restarted[0].start(new Stage());
        });
        assertEquals(folder.toAbsolutePath(), ((EncoderChoice.Imported) restarted[0].workbench().models()
                .activeProperty().get()).folder().toAbsolutePath());
        assertMarked(robot, restarted[0], "after a restart");
        robot.interact(() -> restarted[0].stop());
    }

    private static void assertMarked(FxRobot robot, RayLensApp app, String when) throws Exception {
        robot.interact(() -> app.workbench().main().open(List.of()));
        robot.interact(() -> app.workbench().analysis().run());
        WaitForAsyncUtils.waitForFxEvents();
        var result = app.workbench().analysis().getResult();
        assertNotNull(result, when + ": " + app.workbench().analysis().messageProperty().get());
        assertTrue(result.demo(), when + ": the result says random weights");
        assertTrue(app.window().layerBinder().badge().isActive(), when + ": the badge is on screen");
        Path svg = dir.resolve("figure-" + when.replace(' ', '-') + ".svg");
        robot.interact(() -> app.workbench().export().exportFigure(svg));
        String text = Files.readString(svg);
        assertTrue(text.contains("DEMO \u2014 random weights"), when + ": the export carries the badge and footer");
    }
}
