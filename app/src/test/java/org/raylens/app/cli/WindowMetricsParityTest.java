package org.raylens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeStudyLoader;
import org.raylens.app.RayLensApp;
import org.raylens.app.analysis.AnalysisResult;
import org.raylens.app.analysis.EncoderChoice;
import org.raylens.app.analysis.ImportedOutputs;
import org.raylens.app.layers.LayerKind;
import org.raylens.app.layers.LayerRow;
import org.raylens.app.layers.MapMetricsModel;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.adapter.Adapter;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.explain.metrics.FaithfulnessMetrics;
import org.raylens.viewer.measure.Measurement;
import org.raylens.viewer.measure.Roi;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;

/**
 * The faithfulness metrics the layers panel shows for a map equal the ones {@code raylens explain --metrics} computes
 * for the same map: its own option defaults (picocli fills them here as on the command line), its own head for an
 * imported classifier and its own evaluation code, on an independently loaded copy of the model. The window's CSV is
 * the command line's CSV, byte for byte; a drawn rectangle gives the pointing game as {@code --metrics-box} does.
 * The map is occlusion of the golden TorchXRayVision-style CNN (ONNX Runtime behind it: no gradients needed).
 */
@ExtendWith(ApplicationExtension.class)
class WindowMetricsParityTest {

    @TempDir
    static Path config;
    @TempDir
    Path out;

    private RayLensApp app;

    @Start
    void start(Stage stage) {
        app = new RayLensApp(new FakeStudyLoader(), new SameThreadRunner(), config);
        app.start(stage);
    }

    @Test
    void theLayersPanelShowsTheCommandLinesMetricsOfTheSameMap(FxRobot robot) throws Exception {
        Path golden = Path.of("").toAbsolutePath().getParent().resolve("../shared/golden/import/xrv_cnn").normalize();
        assumeTrue(Files.isDirectory(golden), "../shared/golden/import/xrv_cnn is absent; metrics parity test skipped");
        Path xrv = onnxOnly(golden, out.resolve("xrv_onnx"));
        robot.interact(() -> app.workbench().models().importFolder(xrv));
        WaitForAsyncUtils.waitForFxEvents();
        assertInstanceOf(EncoderChoice.Imported.class, app.workbench().models().activeProperty().get());
        robot.clickOn("#runAnalysis");
        WaitForAsyncUtils.waitForFxEvents();
        AnalysisResult r = app.workbench().analysis().getResult();
        assertNotNull(r, app.workbench().analysis().messageProperty().get());

        // occlusion of the third class, with a 56-pixel window, chosen in the class map controls
        String label = r.head().orElseThrow().labels().get(2);
        @SuppressWarnings("unchecked")
        ChoiceBox<String> method = robot.lookup("#classMapMethod").queryAs(ChoiceBox.class);
        robot.interact(() -> method.setValue("occlusion"));
        robot.interact(() -> app.workbench().scores().pick(label));
        TextField window = robot.lookup("#classMapParam-window").queryAs(TextField.class);
        robot.interact(() -> {
            window.setText("56");
            window.fireEvent(new javafx.event.ActionEvent());
        });
        WaitForAsyncUtils.waitForFxEvents();
        LayerRow row = app.workbench().layers().row(LayerKind.GRADCAM);
        PatchMap map = row.getMap();
        assertNotNull(map, app.workbench().analysis().messageProperty().get());
        assertEquals("occlusion", map.method());
        assertEquals(4, map.rows(), "224 / 56 windows per side");
        assertNull(row.getUnavailable(), "occlusion needs no gradients");
        assertTrue(row.titleProperty().get().endsWith(": " + label), row.titleProperty().get());

        // a drawn rectangle gives the pointing game and energy share, as --metrics-box does
        MapMetricsModel metrics = app.workbench().layers().metrics();
        metrics.setMeasurements(() -> List.<Measurement>of(new Roi.Rectangle(10, 12, 40, 50)));
        javafx.scene.control.Button compute = robot.lookup("#layer-gradcam-metrics")
                .queryAs(javafx.scene.control.Button.class);
        assertTrue(!compute.isDisabled(), "a map to score");
        robot.interact(compute::fire);
        WaitForAsyncUtils.waitForFxEvents();
        FaithfulnessMetrics.Report shown = metrics.reportProperty(row).get();
        assertNotNull(shown, metrics.messageProperty().get());
        assertTrue(shown.region().isPresent());
        assertEquals(shown.caption(), robot.lookup("#layer-gradcam-metrics-text").queryAs(Label.class).getText());

        int output = r.head().get().labels().indexOf(label);
        FaithfulnessMetrics.Report cli = cliMetrics(xrv, r, map, output, "--metrics-box", "10,12,40,50");
        assertRows(cli, shown);
        Path csv = out.resolve("window.metrics.csv");
        boolean[] saved = new boolean[1];
        robot.interact(() -> saved[0] = metrics.trySave(row, csv));
        assertTrue(saved[0], metrics.messageProperty().get());
        assertEquals(MetricsCsv.text(map, cli), Files.readString(csv), "the window writes the command line's CSV");
    }

    /**
     * The golden CNN as its ONNX file alone (ONNX Runtime runs it several times faster here than libtorch runs the
     * TorchScript, and the metrics take some hundred forwards), with the golden manifest less its TorchScript entry.
     */
    private static Path onnxOnly(Path golden, Path folder) throws java.io.IOException {
        Files.createDirectories(folder);
        Files.copy(golden.resolve("model.onnx"), folder.resolve("model.onnx"));
        com.google.gson.JsonObject m = com.google.gson.JsonParser.parseString(
                Files.readString(golden.resolve("model.json"))).getAsJsonObject();
        m.getAsJsonObject("files").remove("torchscript");
        org.raylens.core.io.AtomicFiles.writeString(folder.resolve("model.json"), m.toString());
        return folder;
    }

    private static void assertRows(FaithfulnessMetrics.Report expected, FaithfulnessMetrics.Report actual) {
        assertEquals(expected.rows().size(), actual.rows().size());
        for (int i = 0; i < expected.rows().size(); i++) {
            assertEquals(List.of(expected.rows().get(i)), List.of(actual.rows().get(i)));
        }
        assertEquals(expected.settings(), actual.settings());
    }

    /** What raylens explain --metrics computes for {@code map}: its options, head and evaluation. */
    private static FaithfulnessMetrics.Report cliMetrics(Path model, AnalysisResult r, PatchMap map, int output,
                                                         String... options) throws Exception {
        String[] args = new String[options.length + 1];
        args[0] = "--metrics";
        System.arraycopy(options, 0, args, 1, options.length);
        ExplainMetricsOptions o = CommandLine.populateCommand(new ExplainMetricsOptions(), args);
        try (Encoder e = Encoders.builder().folder(model).build(); EncoderSession s = e.newSession();
             Adapter head = Adapter.bundled(e, ImportedOutputs.logitsHead(e).orElseThrow())) {
            return o.evaluate(s, head.head(), output, r.input().tensor(), map);
        }
    }
}
