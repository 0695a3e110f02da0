package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.raylens.app.open.ViewerWiring;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.core.result.MapGeometry;
import org.raylens.core.result.PatchMap;
import org.raylens.overlays.annotation.CornerTextLayer;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.viewer.annotation.CornerField;
import org.raylens.viewer.annotation.PatientOrientation;
import org.raylens.viewer.fx.Viewport;
import org.raylens.viewer.fx.ViewportModel;
import org.raylens.viewer.measure.MeasureTool;
import org.raylens.viewer.measure.Measurement;
import org.raylens.viewer.measure.Roi;
import org.raylens.viewer.measure.RoiStatistics;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The viewer habits on real radiographs in the live window, driven by keys and the mouse as a user would:
 * corner text (RG1_J2KI.dcm, a PA chest: see dcmdump in the comments), orientation letters under rotate and flip,
 * a distance on a file whose Imager Pixel Spacing is 0.4 mm (DX_J2K_0Padding.dcm), an ROI, the raw patch grid.
 */
@ExtendWith(ApplicationExtension.class)
class ViewerHabitsTest {

    @TempDir
    static Path dir;

    private RayLensApp app;

    @Start
    void start(Stage stage) throws Exception {
        app = new RayLensApp(ViewerWiring.studyLoader(Files.createDirectories(dir.resolve("data"))),
                new SameThreadRunner(), Files.createDirectories(dir.resolve("config")));
        app.start(stage);
    }

    private static Path shared(String relative) {
        String prop = System.getProperty("raylens.shared");
        Path file = prop == null ? null : Path.of(prop).resolve("data").resolve(relative);
        assumeTrue(file != null && Files.isRegularFile(file), "shared data " + relative + " not found; skipping");
        return file;
    }

    private ViewportModel open(FxRobot robot, String relative) {
        Path file = shared(relative);
        robot.interact(() -> app.window().open(List.of(file)));
        WaitForAsyncUtils.waitForFxEvents();
        ViewportModel vm = app.workbench().main().viewport();
        assertNotNull(vm.getImage(), app.workbench().main().messageProperty().get());
        return vm;
    }

    @Test
    void cornerTextOfARealChestFileAndItsToggle(FxRobot robot) {
        open(robot, "cxr/dicom/RG1_J2KI.dcm");
        CornerTextLayer corner = app.window().annotations().cornerText();
        var text = corner.shownText();
        // dcmdump: PatientName CompressedSamples^RG1, PatientID 9RG1, PatientBirthDate 19400305, PatientSex F,
        // StudyDate 20040826, StudyDescription THORAX, SeriesNumber 1, InstanceNumber 3, Modality CR,
        // ViewPosition PA, WindowCenter 15000, WindowWidth 30000
        assertEquals("CompressedSamples, RG1", text.textOf(CornerField.PATIENT_NAME));
        assertEquals("ID 9RG1", text.textOf(CornerField.PATIENT_ID));
        assertEquals("Born 1940-03-05 F", text.textOf(CornerField.BIRTH_DATE_AND_SEX));
        assertEquals("2004-08-26", text.textOf(CornerField.STUDY_DATE));
        assertEquals("THORAX", text.textOf(CornerField.STUDY_DESCRIPTION));
        assertEquals("Se 1  Im 3", text.textOf(CornerField.SERIES_AND_INSTANCE));
        assertEquals("CR PA", text.textOf(CornerField.MODALITY_AND_VIEW));
        assertEquals("C 15000  W 30000", text.textOf(CornerField.WINDOW));
        assertTrue(app.window().viewport().getOverlays().contains(corner));
        // an export never gets the corner text layer itself, only its export form (nothing, by default)
        assertFalse(app.window().snapshot().overlays().contains(corner));

        robot.clickOn("#viewport");
        robot.type(KeyCode.O);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(corner.isVisible());
        assertFalse(app.window().annotations().orientation().isVisible());
        robot.type(KeyCode.O);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(corner.isVisible());
    }

    @Test
    void orientationMarkersFollowRotateAndFlipKeys(FxRobot robot) {
        ViewportModel vm = open(robot, "cxr/dicom/RG1_J2KI.dcm"); // Patient Orientation L\F
        var layer = app.window().annotations().orientation();
        assertEquals(new PatientOrientation.Edges("R", "L", "H", "F"), layer.edges(vm.getTransform()).orElseThrow());
        robot.clickOn("#viewport");
        robot.type(KeyCode.CLOSE_BRACKET);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new PatientOrientation.Edges("F", "H", "R", "L"), layer.edges(vm.getTransform()).orElseThrow());
        robot.type(KeyCode.OPEN_BRACKET);
        robot.type(KeyCode.H);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new PatientOrientation.Edges("L", "R", "H", "F"), layer.edges(vm.getTransform()).orElseThrow());
        assertTrue(layer.lateralityMarker().isEmpty(), "a chest states no laterality");
    }

    @Test
    void aDistanceDrawnWithTheMouseIsItsLengthInMillimetres(FxRobot robot) {
        ViewportModel vm = open(robot, "cxr/dicom/DX_J2K_0Padding.dcm"); // Imager Pixel Spacing 0.4\0.4
        Viewport viewport = app.window().viewport();
        robot.clickOn("#viewport");
        robot.type(KeyCode.M);
        WaitForAsyncUtils.waitForFxEvents();
        var store = app.window().annotations().measurements();
        assertEquals(MeasureTool.DISTANCE, store.tool());
        // from source (400, 300) to (700, 700): 300 and 400 pixels apart, 0.4 mm each: sqrt(120² + 160²) = 200 mm
        drag(robot, viewport, vm, 400, 300, 700, 700);
        List<Measurement> drawn = store.current();
        assertEquals(1, drawn.size());
        Measurement.Distance d = (Measurement.Distance) drawn.get(0);
        double tolerance = 1.5 / vm.getZoom(); // the robot lands on whole screen pixels
        assertEquals(400, d.x1(), tolerance);
        assertEquals(700, d.y2(), tolerance);
        double mm = 0.4 * Math.hypot(d.x2() - d.x1(), d.y2() - d.y1());
        assertEquals(200, mm, 0.4 * 2 * tolerance);
        assertEquals(List.of(String.format(java.util.Locale.ROOT, "%.1f", mm)
                + " mm (Imager Pixel Spacing, at detector)"), app.window().annotations().measurementLayer().describe(d));

        // the measurement belongs to the image: zoom, pan and rotation leave its source coordinates alone
        robot.type(KeyCode.CLOSE_BRACKET);
        robot.interact(() -> vm.zoomAbout(100, 100, 2.5));
        assertEquals(d, store.current().get(0));

        // next tool: a rectangle; its image statistics against a mean summed here over the pixel centres inside
        robot.type(KeyCode.R);
        robot.type(KeyCode.M);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(MeasureTool.RECTANGLE, store.tool());
        drag(robot, viewport, vm, 500, 500, 620, 580);
        Roi.Rectangle roi = (Roi.Rectangle) store.current().get(1);
        double sum = 0;
        long n = 0;
        for (int y = 0; y < vm.getImage().height(); y++) {
            for (int x = 0; x < vm.getImage().width(); x++) {
                double cx = x + 0.5;
                double cy = y + 0.5;
                if (cx >= roi.minX() && cx < roi.maxX() && cy >= roi.minY() && cy < roi.maxY()) {
                    sum += vm.getImage().modalityValue(x, y);
                    n++;
                }
            }
        }
        RoiStatistics stats = app.window().annotations().measurementLayer().imageStatistics(roi, vm.getImage());
        assertEquals(n, stats.count());
        assertEquals(sum / n, stats.mean(), 1e-9 * Math.abs(sum / n));
        assertTrue(app.window().annotations().measurementLayer().describe(roi).get(0).endsWith("mm\u00b2"));

        // a drag that starts on the box's second corner edits it instead of drawing a new box
        drag(robot, viewport, vm, roi.x2(), roi.y2(), 680, 640);
        assertEquals(2, store.current().size());
        Roi.Rectangle edited = (Roi.Rectangle) store.current().get(1);
        assertEquals(roi.x1(), edited.x1(), 0);
        assertEquals(680, edited.x2(), tolerance);
        assertEquals(640, edited.y2(), tolerance);

        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, store.current().size(), "Delete removes the last measurement");
    }

    @Test
    void rawPatchGridKeyReachesMapLayersAddedLater(FxRobot robot) {
        open(robot, "cxr/dicom/DX_J2K_0Padding.dcm");
        robot.clickOn("#viewport");
        robot.type(KeyCode.G);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.window().annotations().patchCellsShown());
        HeatmapLayer later = new HeatmapLayer("map", new PatchMap("attention", "t", 2, 2, 1, new float[] {1, 2, 3, 4},
                MapGeometry.identity(1420, 1416, 700), "t"));
        robot.interact(() -> app.window().viewport().getOverlays().add(0, later));
        assertTrue(later.showsPatchCells());
        robot.type(KeyCode.G);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(later.showsPatchCells());
    }

    @Test
    void theHelpListsTheNewKeys() {
        String help = HelpDialog.text();
        for (String key : new String[] {"measuring tool", "Delete", "corner text", "raw patch grid"}) {
            assertTrue(help.contains(key), key);
        }
    }

    private static void drag(FxRobot robot, Viewport viewport, ViewportModel vm, double sx1, double sy1, double sx2,
            double sy2) {
        double[] a = vm.getTransform().toView(sx1, sy1);
        double[] b = vm.getTransform().toView(sx2, sy2);
        Point2D from = viewport.localToScreen(a[0], a[1]);
        Point2D to = viewport.localToScreen(b[0], b[1]);
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).drop();
        WaitForAsyncUtils.waitForFxEvents();
    }
}
