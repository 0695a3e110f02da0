package org.raylens.app.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.RayLensApp;
import org.raylens.app.browser.BrowserNode;
import org.raylens.app.open.StudyInstance;
import org.raylens.app.open.ViewerWiring;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.overlays.layer.MaskLayer;
import org.raylens.viewer.derived.DerivedData;
import org.raylens.viewer.derived.TinyMeasurementReport;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A folder with dcmqi's 3-slice series, its binary SEG (../shared/data/dicom-derived, copied into a temporary
 * folder) and a TID 1500 report on that SEG, opened in the live window: the browser lists the SEG and the SR under
 * the slices' series, choosing slice 2 shows the Liver segment as a layer row and a mask over the image where pydicom
 * says it is (315 pixels, the first at row 0, column 12), and the Measurements tab lists the report's values.
 */
@ExtendWith(ApplicationExtension.class)
class DerivedObjectsWindowTest {

    @TempDir
    static Path dir;

    private RayLensApp app;

    @Start
    void start(Stage stage) throws Exception {
        app = new RayLensApp(ViewerWiring.studyLoader(Files.createDirectories(dir.resolve("data"))),
                new SameThreadRunner(), Files.createDirectories(dir.resolve("config")));
        app.start(stage);
    }

    private Path study() throws Exception {
        Path source = DerivedData.seg24();
        Path study = Files.createDirectories(dir.resolve("study"));
        for (String name : List.of("IMG0001.dcm", "IMG0002.dcm", "IMG0003.dcm")) {
            Files.copy(source.resolve("image").resolve(name), study.resolve(name));
        }
        Files.copy(source.resolve("seg/label.seg"), study.resolve("label.seg"));
        TinyMeasurementReport.write(study.resolve("report.dcm"));
        return study;
    }

    @Test
    void segmentLayerAndMeasurementsOfTheChosenSlice(FxRobot robot) throws Exception {
        Path study = study();
        robot.interact(() -> app.window().open(List.of(study)));
        WaitForAsyncUtils.waitForFxEvents();
        List<StudyInstance> instances = app.workbench().main().instances();
        assertEquals(3, instances.size(), "the SEG and the SR are not images: " + instances);

        TreeView<BrowserNode> tree = robot.lookup("#studyTree").queryAs(TreeView.class);
        List<String> derivedRows = derivedRows(tree.getRoot());
        assertEquals(List.of("SEG Segmentation 24x38x3", "SR Liver measurements"), derivedRows);

        robot.clickOn("2 \u2014 IMG0002.dcm");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.workbench().main().selectedProperty().get().source().uri().toString()
                .endsWith("IMG0002.dcm"));
        CheckBox row = robot.lookup("#layer-seg-238879-1-visible").queryAs(CheckBox.class);
        assertEquals("Liver \u2014 Segmentation 24x38x3", row.getText());
        assertTrue(row.isSelected());
        List<org.raylens.overlays.layer.Layer> layers = app.window().derivedLayers().layers();
        assertEquals(1, layers.size());
        MaskLayer mask = (MaskLayer) layers.get(0);
        assertTrue(app.window().viewport().getOverlays().contains(mask), "painted in the viewport");
        assertEquals(1, mask.labelAt(12.5, 0.5), "row 0, column 12 is liver (pydicom)");
        assertEquals(0, mask.labelAt(11.5, 0.5));
        assertEquals(0xDD8265, mask.colour() & 0xFFFFFF, String.format("%06x", mask.colour() & 0xFFFFFF));

        robot.interact(row::fire); // the row lies below the fold of the layers tab; firing it is the click
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(mask.isVisible(), "the row's switch hides the layer");

        robot.clickOn("#tab-measurements");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<MeasurementRow> table = robot.lookup("#measurementsTable").queryAs(TableView.class);
        assertEquals(List.of(new MeasurementRow("liver", "Volume", "0.385875", "milliliter"),
                new MeasurementRow("liver", "Attenuation Coefficient (Mean)", "1.5", "Hounsfield unit")),
                table.getItems());
        assertTrue(robot.lookup("0.385875").tryQuery().isPresent(), "the value is on screen");

        // slice 1 has the segment's empty frame: the row stays, nothing is inside
        robot.interact(() -> app.workbench().main().selectedProperty().set(instances.get(0)));
        WaitForAsyncUtils.waitForFxEvents();
        MaskLayer first = (MaskLayer) app.window().derivedLayers().layers().get(0);
        assertEquals(0, first.labelAt(12.5, 0.5));
    }

    private static List<String> derivedRows(TreeItem<BrowserNode> item) {
        List<String> out = new java.util.ArrayList<>();
        if (item.getValue() != null && item.getValue().kind() == BrowserNode.Kind.DERIVED) {
            out.add(item.getValue().label());
        }
        item.getChildren().forEach(c -> out.addAll(derivedRows(c)));
        return out;
    }
}
