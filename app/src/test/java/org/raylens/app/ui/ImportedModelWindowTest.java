package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.FakeStudyLoader;
import org.raylens.app.RayLensApp;
import org.raylens.app.analysis.AdapterScores;
import org.raylens.app.analysis.AnalysisResult;
import org.raylens.app.analysis.EncoderChoice;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.inference.encoder.Encoder;
import org.raylens.inference.encoder.EncoderOutput;
import org.raylens.inference.encoder.EncoderSession;
import org.raylens.inference.encoder.Encoders;
import org.raylens.inference.encoder.ForwardOptions;
import org.raylens.inference.family.imported.ManifestReader;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An imported model's own outputs in the window (issue 15): the golden TorchXRayVision-style CNN's logits reach the
 * scores panel under its manifest's label names, as the sigmoid its manifest names, computed here by hand from an
 * independent forward of the same model input; and a folder with the model files but no manifest gets the form,
 * which writes a model.json that then loads and scores.
 */
@ExtendWith(ApplicationExtension.class)
class ImportedModelWindowTest {

    @TempDir
    static Path config;
    @TempDir
    Path models;

    private RayLensApp app;

    @Start
    void start(Stage stage) {
        app = new RayLensApp(new FakeStudyLoader(), new SameThreadRunner(), config);
        app.start(stage);
    }

    static Path xrv() {
        Path golden = Path.of("").toAbsolutePath().getParent().resolve("../shared/golden/import/xrv_cnn").normalize();
        assumeTrue(Files.isDirectory(golden), "../shared/golden/import/xrv_cnn is absent; imported window test skipped");
        return golden;
    }

    @Test
    void theImportedCnnsLogitsAreScoresWithItsLabelNames(FxRobot robot) throws Exception {
        Path xrv = xrv();
        List<String> labels = ManifestReader.read(xrv.resolve("model.json")).outputs().get(0).output().labels();
        robot.interact(() -> app.workbench().models().importFolder(xrv));
        WaitForAsyncUtils.waitForFxEvents();
        assertInstanceOf(EncoderChoice.Imported.class, app.workbench().models().activeProperty().get(),
                app.workbench().models().messageProperty().get());
        robot.clickOn("#runAnalysis");
        WaitForAsyncUtils.waitForFxEvents();
        AnalysisResult r = app.workbench().analysis().getResult();
        assertNotNull(r, app.workbench().analysis().messageProperty().get());
        AdapterScores scores = r.scores().orElseThrow();
        assertEquals(new TreeSet<>(labels), new TreeSet<>(scores.entries().stream().map(AdapterScores.Entry::label)
                .toList()));
        assertTrue(r.head().isPresent(), "the classifier's logits are a head for the class methods");

        // an independent forward of the same model input; sigmoid by hand
        float[] logits;
        try (Encoder e = Encoders.builder().folder(xrv).build(); EncoderSession s = e.newSession()) {
            EncoderOutput out = s.forward(r.input().tensor(), ForwardOptions.defaults());
            logits = out.namedOutputs().get("logits").data();
        }
        for (int i = 0; i < labels.size(); i++) {
            double p = 1 / (1 + Math.exp(-logits[i]));
            assertEquals(p, scores.entry(labels.get(i)).orElseThrow().probability(), 1e-6, labels.get(i));
        }
        // the panel shows each label with its probability as printed
        AdapterScores.Entry top = scores.sorted().get(0);
        Label value = robot.lookup("#score-" + top.label().replace(' ', '-')).lookup(top.probabilityText())
                .queryAs(Label.class);
        assertNotNull(value);
        Set<String> shown = new TreeSet<>();
        for (String l : labels) {
            shown.add(robot.lookup("#score-" + l.replace(' ', '-')).tryQuery().isPresent() ? l : "missing " + l);
        }
        assertEquals(new TreeSet<>(labels), shown);
    }

    @Test
    void aFolderWithoutAManifestGetsTheFormWhichWritesOneThatLoads(FxRobot robot) throws Exception {
        Path golden = xrv();
        Path folder = Files.createDirectories(models.resolve("my-cnn"));
        Files.copy(golden.resolve("model.onnx"), folder.resolve("cnn.onnx"));
        robot.interact(() -> app.workbench().models().importFolder(folder));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.workbench().models().messageProperty().get().contains("model.json"),
                app.workbench().models().messageProperty().get());
        // the form opens (later, on the FX thread) with the file found
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> robot.lookup("#manifestWrite").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#manifest-valueRange").queryAs(TextField.class).setText("-1024, 1024");
            robot.lookup("#manifest-output0-shape").queryAs(TextField.class).setText("1, 18");
        });
        // a wrong label count is refused in the dialog, which stays open and writes nothing
        robot.interact(() -> robot.lookup("#manifest-output0-labels").queryAs(TextField.class).setText("a, b"));
        robot.clickOn("#manifestWrite");
        WaitForAsyncUtils.waitForFxEvents();
        String refused = robot.lookup("#manifestError").queryAs(Label.class).getText();
        assertTrue(refused.contains("outputs[0].labels"), refused);
        assertTrue(Files.notExists(folder.resolve("model.json")));
        robot.interact(() -> robot.lookup("#manifest-output0-labels").queryAs(TextField.class).setText(""));
        robot.clickOn("#manifestWrite");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.isRegularFile(folder.resolve("model.json")));
        EncoderChoice active = app.workbench().models().activeProperty().get();
        EncoderChoice.Imported imported = assertInstanceOf(EncoderChoice.Imported.class, active,
                app.workbench().models().messageProperty().get());
        assertEquals(folder.toAbsolutePath(), imported.folder().toAbsolutePath());

        robot.clickOn("#runAnalysis");
        WaitForAsyncUtils.waitForFxEvents();
        AnalysisResult r = app.workbench().analysis().getResult();
        assertNotNull(r, app.workbench().analysis().messageProperty().get());
        assertEquals(18, r.scores().orElseThrow().entries().size());
        assertTrue(r.scores().get().entry("class 0").isPresent(), "no labels given: classes are numbered");
    }
}
