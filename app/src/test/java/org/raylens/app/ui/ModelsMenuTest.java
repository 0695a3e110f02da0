package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeStudyLoader;
import org.raylens.app.RayLensApp;
import org.raylens.app.task.SameThreadRunner;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The words the README and the demo banner use — "Models → Import model folder" — are a real menu, whose items are
 * the Models panel's own import buttons (issue 19: there was only a tab).
 */
@ExtendWith(ApplicationExtension.class)
class ModelsMenuTest {

    @TempDir
    static Path config;

    private RayLensApp app;

    @Start
    void start(Stage stage) {
        app = new RayLensApp(new FakeStudyLoader(), new SameThreadRunner(), config);
        app.start(stage);
    }

    @Test
    void theModelsMenuOffersThePanelsImportsByTheirNames(FxRobot robot) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        Menu models = bar.getMenus().stream().filter(m -> "Models".equals(m.getText())).findFirst().orElseThrow();
        List<String> items = models.getItems().stream().map(MenuItem::getText).toList();
        assertEquals(List.of("Import model folder\u2026", "Import weights file\u2026", "Import adapter folder\u2026"),
                items);
        for (String id : List.of("#importModel", "#importModelFile", "#importAdapter")) {
            Button button = robot.lookup(id).queryAs(Button.class);
            assertTrue(items.contains(button.getText()), "the menu names the button " + id + " as the panel does");
        }
        String banner = robot.lookup("#demoBanner").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(banner.contains("Models \u2192 Import model folder"), "the banner's words are the menu's: " + banner);
    }
}
