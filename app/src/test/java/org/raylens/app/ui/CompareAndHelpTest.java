package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeStudyLoader;
import org.raylens.app.RayLensApp;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.viewer.fx.ViewportKeys;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Side-by-side compare keeps both viewports on the same view; the help text lists every shortcut. */
@ExtendWith(ApplicationExtension.class)
class CompareAndHelpTest {

    @TempDir
    static Path config;

    private RayLensApp app;

    @Start
    void start(Stage stage) {
        app = new RayLensApp(new FakeStudyLoader(), new SameThreadRunner(), config);
        app.start(stage);
    }

    @Test
    void compareLinksZoomPanAndWindowBothWays(FxRobot robot) {
        robot.clickOn("#viewport");
        robot.type(KeyCode.C);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.window().comparing());
        var main = app.workbench().main().viewport();
        var other = app.window().compare().otherModel();
        assertNotNull(other.getImage());
        robot.interact(() -> main.zoomAbout(50, 40, 2));
        assertEquals(main.getZoom(), other.getZoom(), 1e-12);
        assertEquals(main.centerXProperty().get(), other.centerXProperty().get(), 1e-9);
        robot.interact(() -> other.panBy(30, -10));
        assertEquals(other.centerXProperty().get(), main.centerXProperty().get(), 1e-9, "linked both ways");
        robot.interact(() -> main.adjustWindow(40, 0));
        assertEquals(main.getWindow(), other.getWindow());
        assertEquals(app.window().viewport(), app.window().root().getScene().getFocusOwner(),
                "the viewport keeps the focus, so shortcuts keep working");
        robot.type(KeyCode.C);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(app.window().comparing());
    }

    @Test
    void lettersTypedInTheSearchBoxFilterAndAreNoShortcuts(FxRobot robot) {
        robot.clickOn("#studySearch");
        robot.type(KeyCode.I, KeyCode.C);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(app.workbench().main().viewport().isInvert());
        assertFalse(app.window().comparing());
        assertEquals("ic", app.workbench().browser().filterProperty().get());
    }

    @Test
    void theHelpListsViewportAndWindowKeys() {
        String help = HelpDialog.text();
        assertTrue(help.startsWith(ViewportKeys.HELP_TEXT));
        for (String key : new String[] {"Ctrl+R", "Click-a-patch".toLowerCase(), "Page Up", "F1", "DICOM tags"}) {
            assertTrue(help.toLowerCase().contains(key.toLowerCase()), key);
        }
    }
}
