package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.RayLensApp;
import org.raylens.app.TwoViewStudy;
import org.raylens.app.layers.LayerKind;
import org.raylens.app.open.ViewerWiring;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.viewer.fx.ViewportModel;
import org.raylens.viewer.overlay.Overlay;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * L hangs a study's PA and lateral side by side ({@link TwoViewStudy}: View Position PA and LL), linked in view and
 * window, and a map layer shown on one shows on the other, computed for its own image.
 */
@ExtendWith(ApplicationExtension.class)
class HangingTest {

    @TempDir
    static Path dir;

    private RayLensApp app;

    @Start
    void start(Stage stage) throws Exception {
        app = new RayLensApp(ViewerWiring.studyLoader(Files.createDirectories(dir.resolve("data"))),
                new SameThreadRunner(), Files.createDirectories(dir.resolve("config")));
        app.start(stage);
    }

    @Test
    void theViewsAreChosenByViewPositionThenByPatientOrientation() {
        var picked = ChestViews.pick(List.of(new ChestViews.Described<>("lat", "LL", null),
                new ChestViews.Described<>("ap", "AP", null), new ChestViews.Described<>("pa", "PA", null)));
        assertEquals(Optional.of(new ChestViews.Pair<>("pa", "lat")), picked);
        var byOrientation = ChestViews.pick(List.of(new ChestViews.Described<>("front", null, "R\\F"),
                new ChestViews.Described<>("side", "", "P\\F")));
        assertEquals(Optional.of(new ChestViews.Pair<>("front", "side")), byOrientation);
        assertTrue(ChestViews.pick(List.of(new ChestViews.Described<>("pa", "PA", null))).isEmpty());
    }

    @Test
    void theKeyHangsPaAndLateralAndTheMapLayersFollowOnBoth(FxRobot robot) throws Exception {
        Path study = Files.createDirectories(dir.resolve("study"));
        TwoViewStudy.writePa(study);
        robot.interact(() -> app.window().open(List.of(study)));
        WaitForAsyncUtils.waitForFxEvents();
        ViewportModel main = app.workbench().main().viewport();
        assertNotNull(main.getImage(), app.workbench().main().messageProperty().get());
        robot.clickOn("#viewport");
        robot.type(KeyCode.L);
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(app.window().comparing(), "L shows the side-by-side view");
        CompareView compare = app.window().compare();
        ViewportModel other = compare.otherModel();
        // the PA (value x + 2y) on the right, the lateral (2x + y) pinned on the left
        assertEquals(TwoViewStudy.paValue(0, 1), main.getImage().modalityValue(0, 1), 0);
        assertEquals(TwoViewStudy.lateralValue(0, 1), other.getImage().modalityValue(0, 1), 0);
        robot.interact(() -> main.zoomAbout(50, 50, 2));
        assertEquals(main.getZoom(), other.getZoom(), 1e-9, "zoom is linked");

        robot.clickOn("#runAnalysis");
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(app.workbench().analysis().getResult(), app.workbench().analysis().messageProperty().get());
        CompareMaps maps = compare.maps();
        assertNotNull(maps.twin().getResult(), "the lateral was analysed too: " + maps.twin().messageProperty().get());
        HeatmapLayer mainMap = visibleHeatmap(app.window().viewport().getOverlays());
        HeatmapLayer otherMap = visibleHeatmap(compare.otherView().getOverlays());
        assertNotNull(mainMap, "the PA shows a map");
        assertNotNull(otherMap, "the lateral shows the same layer");
        assertEquals(mainMap.map().method(), otherMap.map().method());
        assertNotSame(mainMap.map(), otherMap.map());
        assertFalse(java.util.Arrays.equals(mainMap.map().values(), otherMap.map().values()),
                "each map is computed for its own image");

        // a change of colormap, opacity or visibility on the main view's layer shows on the lateral
        robot.interact(() -> {
            app.workbench().layers().row(LayerKind.ATTENTION).colormapProperty().set("jet");
            app.workbench().layers().row(LayerKind.ATTENTION).opacityProperty().set(0.8);
        });
        assertEquals("jet", maps.layers().row(LayerKind.ATTENTION).colormapProperty().get());
        HeatmapLayer recoloured = visibleHeatmap(compare.otherView().getOverlays());
        assertEquals(mainMap.colormap(), recoloured.colormap());
        assertEquals(0.8, recoloured.opacity(), 1e-9);
        robot.interact(() -> app.workbench().layers().row(LayerKind.ATTENTION).visibleProperty().set(false));
        assertFalse(maps.layers().row(LayerKind.ATTENTION).visibleProperty().get());
    }

    private static HeatmapLayer visibleHeatmap(List<Overlay> overlays) {
        return overlays.stream().filter(o -> o instanceof HeatmapLayer h && h.isVisible())
                .map(o -> (HeatmapLayer) o).findFirst().orElse(null);
    }
}
