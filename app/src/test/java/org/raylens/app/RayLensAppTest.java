package org.raylens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TreeView;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.browser.BrowserNode;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.controlsfx.control.NotificationPane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.app.ui.MainWindowModel;
import org.raylens.app.prefs.Preferences;
import org.raylens.inference.adapter.AdapterFolder;
import org.raylens.inference.adapter.AdapterInput;
import org.raylens.inference.adapter.AdapterSpec;
import org.raylens.inference.adapter.AdapterTask;
import org.raylens.inference.adapter.AdapterTensors;
import org.raylens.inference.adapter.AdapterType;
import org.raylens.inference.adapter.EncoderIdentity;
import org.raylens.inference.adapter.EncoderMismatchException;
import org.raylens.inference.adapter.PreprocessingRecipe;
import org.raylens.inference.model.PreprocessorConfig;
import org.raylens.viewer.fx.Viewport;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The first window, headless, on the fake sample study. */
@ExtendWith(ApplicationExtension.class)
class RayLensAppTest {

    private Stage stage;
    private RayLensApp app;

    @TempDir
    static Path config;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new RayLensApp(new FakeStudyLoader(), new SameThreadRunner(), config);
        app.start(stage);
    }

    @Test
    void anAdapterForAnotherEncoderIsRefusedWithANotificationAndNothingChanges(FxRobot robot) throws Exception {
        // A RAD-DINO-sized (D=768) adapter while the demo encoder (D=384) is active.
        AdapterSpec spec = new AdapterSpec("rad-dino-probe", AdapterType.LINEAR, AdapterInput.CLS,
                AdapterTask.MULTILABEL, List.of("Effusion"), List.of(0.5), 0, 0,
                new EncoderIdentity("ViT-B/14", 768, 14, 0, "ab".repeat(32)),
                new PreprocessingRecipe(PreprocessorConfig.radDino(), "minmax"), Optional.empty());
        Map<String, float[]> tensors = new LinkedHashMap<>();
        AdapterTensors.expected(spec).forEach((k, shape) -> tensors.put(k, new float[(int) Arrays.stream(shape)
                .reduce(1, (a, b) -> a * b)]));
        Path folder = config.resolve("rad-dino-probe");
        AdapterFolder.write(folder, spec, tensors);
        var adapters = app.workbench().adapters();
        robot.interact(() -> adapters.importFolder(folder));
        WaitForAsyncUtils.waitForFxEvents();
        assertInstanceOf(EncoderMismatchException.class, app.window().notifier().lastError());
        NotificationPane pane = robot.lookup("#notificationPane").queryAs(NotificationPane.class);
        assertTrue(pane.getText().contains("hidden size 768 != 384"), pane.getText());
        assertTrue(adapters.adapters().isEmpty());
        assertTrue(app.workbench().preferences().adapters.isEmpty());
        assertNull(adapters.classificationProperty().get());
        @SuppressWarnings("unchecked")
        ComboBox<Preferences.AdapterEntry> chooser = robot.lookup("#adapterClassification").queryAs(ComboBox.class);
        assertEquals("None", chooser.getValue().name);
    }

    @Test
    void theWindowOpensOnTheSampleWithItsBannerListAndImage(FxRobot robot) {
        assertEquals("RayLens", stage.getTitle());
        assertEquals(6, stage.getIcons().size(), "window icons 16..256 px");
        assertEquals(256, stage.getIcons().get(5).getWidth(), "the largest icon decoded");
        assertFalse(stage.getIcons().get(0).isError());
        Label banner = robot.lookup("#syntheticBanner").queryAs(Label.class);
        assertTrue(banner.isVisible());
        assertEquals(MainWindowModel.SYNTHETIC_BANNER, banner.getText());
        TreeView<?> tree = robot.lookup("#studyTree").queryAs(TreeView.class);
        assertEquals(1, tree.getRoot().getChildren().size(), "one study");
        assertEquals(3, tree.getRoot().getChildren().get(0).getChildren().get(0).getChildren().size(),
                "three images in its one series");
        assertEquals("PA", ((BrowserNode) tree.getSelectionModel().getSelectedItem().getValue()).label());
        Viewport viewport = robot.lookup("#viewport").queryAs(Viewport.class);
        assertNotNull(viewport.getModel().getImage());
        assertTrue(robot.lookup("#statusZoom").queryAs(Label.class).getText().startsWith("Zoom "));
        assertTrue(robot.lookup("#statusWindow").queryAs(Label.class).getText().contains("(FULL)"));
    }

    @Test
    void rightDragInTheViewportChangesPixelsAndTheWindowReadout(FxRobot robot) throws Exception {
        Viewport viewport = robot.lookup("#viewport").queryAs(Viewport.class);
        Label window = robot.lookup("#statusWindow").queryAs(Label.class);
        String windowBefore = window.getText();
        int[] before = snapshot(viewport);
        robot.drag(viewport, MouseButton.SECONDARY).moveBy(-120, 60).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertNotEquals(windowBefore, window.getText());
        assertFalse(Arrays.equals(before, snapshot(viewport)));
    }

    @Test
    void pointingAtTheImageShowsThePixelValue(FxRobot robot) {
        Viewport viewport = robot.lookup("#viewport").queryAs(Viewport.class);
        robot.moveTo(viewport);
        WaitForAsyncUtils.waitForFxEvents();
        var readout = viewport.getModel().getReadout();
        assertNotNull(readout);
        assertEquals(viewport.getModel().getImage().modalityValue(readout.x(), readout.y()), readout.value());
        String text = robot.lookup("#statusPixel").queryAs(Label.class).getText();
        assertTrue(text.startsWith("x " + readout.x() + "  y " + readout.y() + "  = "), text);
    }

    @Test
    void choosingAnotherInstanceShowsItsImage(FxRobot robot) {
        Viewport viewport = robot.lookup("#viewport").queryAs(Viewport.class);
        var first = viewport.getModel().getImage();
        robot.clickOn("LAT");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("LAT", app.workbench().main().selectedProperty().get().instanceLabel());
        assertNotEquals(first, viewport.getModel().getImage());
    }

    @Test
    void keysReachTheViewport(FxRobot robot) {
        Viewport viewport = robot.lookup("#viewport").queryAs(Viewport.class);
        robot.clickOn(viewport);
        robot.type(KeyCode.DIGIT2);
        robot.type(KeyCode.I);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("NARROW", viewport.getModel().getWindow().name());
        assertTrue(robot.lookup("#statusWindow").queryAs(Label.class).getText().endsWith("inverted"));
    }

    @Test
    void viewportKeysWorkWhileTheListHasFocus(FxRobot robot) {
        Viewport viewport = robot.lookup("#viewport").queryAs(Viewport.class);
        robot.clickOn("PA");
        robot.type(KeyCode.I);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#studyTree").query().isFocused());
        assertTrue(viewport.getModel().isInvert());
    }

    private static int[] snapshot(Viewport viewport) throws Exception {
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
