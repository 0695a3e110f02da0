package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.RayLensApp;
import org.raylens.app.TwoViewStudy;
import org.raylens.app.open.ViewerWiring;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.viewer.fx.Viewport;
import org.raylens.viewer.fx.ViewportModel;
import org.raylens.viewer.measure.ImageMeasurements;
import org.raylens.viewer.measure.MeasureTool;
import org.raylens.viewer.measure.Measurement;
import org.raylens.viewer.measure.Roi;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The angle and freehand tools in the live window, driven by the M key and the mouse, on {@link TwoViewStudy}'s PA:
 * Pixel Spacing 0.5 mm between rows, 0.25 mm between columns, value x + 2y.
 */
@ExtendWith(ApplicationExtension.class)
class MeasureToolsTest {

    @TempDir
    static Path dir;

    private RayLensApp app;

    @Start
    void start(Stage stage) throws Exception {
        app = new RayLensApp(ViewerWiring.studyLoader(Files.createDirectories(dir.resolve("data"))),
                new SameThreadRunner(), Files.createDirectories(dir.resolve("config")));
        app.start(stage);
    }

    private ViewportModel openPa(FxRobot robot) throws Exception {
        Path pa = TwoViewStudy.writePa(Files.createDirectories(dir.resolve("study")));
        robot.interact(() -> app.window().open(List.of(pa)));
        WaitForAsyncUtils.waitForFxEvents();
        ViewportModel vm = app.workbench().main().viewport();
        assertNotNull(vm.getImage(), app.workbench().main().messageProperty().get());
        robot.clickOn("#viewport");
        return vm;
    }

    private ImageMeasurements selectTool(FxRobot robot, MeasureTool tool) {
        ImageMeasurements store = app.window().annotations().measurements();
        while (store.tool() != tool) {
            robot.type(KeyCode.M);
            WaitForAsyncUtils.waitForFxEvents();
        }
        return store;
    }

    @Test
    void anAngleOfThreeClicksIsMeasuredInMillimetreSpace(FxRobot robot) throws Exception {
        ViewportModel vm = openPa(robot);
        ImageMeasurements store = selectTool(robot, MeasureTool.ANGLE);
        Viewport viewport = app.window().viewport();
        // arms from the vertex (40, 120) to (160, 120) and to (100, 60): 45° on the pixel grid; in millimetres
        // (0.25 per column, 0.5 per row) they are (30, 0) and (15, -30): atan2(30, 15) = 63.43°
        click(robot, viewport, vm, 160, 120);
        click(robot, viewport, vm, 40, 120);
        assertEquals(0, store.current().size(), "two clicks: still drawing");
        click(robot, viewport, vm, 100, 60);
        assertEquals(1, store.current().size());
        Measurement.Angle a = assertInstanceOf(Measurement.Angle.class, store.current().get(0));
        double tolerance = 1.5 / vm.getZoom(); // the robot lands on whole screen pixels
        assertEquals(40, a.vx(), tolerance);
        assertEquals(60, a.by(), tolerance);
        double handDegrees = Math.toDegrees(Math.atan2(30, 15));
        String label = app.window().annotations().measurementLayer().describe(a).get(0);
        assertTrue(label.startsWith(String.format(java.util.Locale.ROOT, "%.1f\u00b0", handDegrees))
                || Math.abs(Double.parseDouble(label.substring(0, label.indexOf('\u00b0'))) - handDegrees) < 0.5,
                label);
        assertTrue(label.contains("in mm"), label);

        // the vertex is a handle: a drag from it moves only the vertex
        drag(robot, viewport, vm, a.vx(), a.vy(), 40, 60);
        Measurement.Angle edited = (Measurement.Angle) store.current().get(0);
        assertEquals(a.ax(), edited.ax(), 0);
        assertEquals(60, edited.vy(), tolerance);

        // Escape drops an angle being drawn; Delete removes the kept one
        click(robot, viewport, vm, 150, 20);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(null, store.draft());
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(store.current().isEmpty());
    }

    @Test
    void aFreehandOutlineHasItsShoelaceAreaInSquareMillimetresAndThePixelsInside(FxRobot robot) throws Exception {
        ViewportModel vm = openPa(robot);
        ImageMeasurements store = selectTool(robot, MeasureTool.FREEHAND);
        Viewport viewport = app.window().viewport();
        // a right triangle (20, 20), (120, 20), (20, 120) traced with the mouse: 5000 px² of 0.125 mm² = 625 mm²
        Point2D start = screen(viewport, vm, 20, 20);
        robot.drag(start, MouseButton.PRIMARY).moveTo(screen(viewport, vm, 120, 20))
                .moveTo(screen(viewport, vm, 20, 120)).moveTo(start).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, store.current().size());
        Roi.Freehand f = assertInstanceOf(Roi.Freehand.class, store.current().get(0));
        assertTrue(f.points().size() >= 3, "kept the outline's points: " + f.points().size());
        double mm2 = f.area() * TwoViewStudy.ROW_MM * TwoViewStudy.COLUMN_MM;
        assertEquals(625, mm2, 625 * 0.04); // the outline lies on the triangle to within the robot's pixel
        List<String> label = app.window().annotations().measurementLayer().describe(f);
        assertTrue(label.get(0).startsWith("Area ") && label.get(0).endsWith("mm\u00b2"), label.get(0));

        // the statistics of the traced outline against the values x + 2y summed here over the pixel centres
        // inside the ideal triangle (x + 0.5 > 20, y + 0.5 > 20, x + y + 1 < 140): the outline is within a pixel
        // of it, so the means agree to well under a grey level
        double sum = 0;
        long n = 0;
        for (int y = 20; y < 120; y++) {
            for (int x = 20; x + y + 1 < 140; x++) {
                sum += TwoViewStudy.paValue(x, y);
                n++;
            }
        }
        var stats = app.window().annotations().measurementLayer().imageStatistics(f, vm.getImage());
        assertEquals(sum / n, stats.mean(), 2.0);
        assertEquals(n, stats.count(), n * 0.05);
        assertEquals(2 * 20 + 20, stats.min(), 3);
    }

    private static void click(FxRobot robot, Viewport viewport, ViewportModel vm, double sx, double sy) {
        robot.moveTo(screen(viewport, vm, sx, sy)).clickOn(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void drag(FxRobot robot, Viewport viewport, ViewportModel vm, double sx1, double sy1, double sx2,
            double sy2) {
        robot.drag(screen(viewport, vm, sx1, sy1), MouseButton.PRIMARY).moveTo(screen(viewport, vm, sx2, sy2)).drop();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Point2D screen(Viewport viewport, ViewportModel vm, double sx, double sy) {
        double[] v = vm.getTransform().toView(sx, sy);
        return viewport.localToScreen(v[0], v[1]);
    }
}
