package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.RayLensApp;
import org.raylens.app.SmallDicomStudy;
import org.raylens.app.open.ViewerWiring;
import org.raylens.app.pacs.PacsSendModel;
import org.raylens.app.prefs.Preferences;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.viewer.dicomweb.OrthancServer;
import org.raylens.viewer.dicomweb.StoreResult;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * File → Send results to PACS from the live window, against a real Orthanc (skipped where it is absent): after the
 * demo analysis, the Secondary Capture, Parametric Map, Segmentation and SR the window's own writers make are stored
 * in one STOW-RS request, and the window says what the server stored.
 */
@ExtendWith(ApplicationExtension.class)
class SendResultsToPacsTest {

    @TempDir
    static Path dir;

    private static OrthancServer orthanc;
    private RayLensApp app;

    @Start
    void start(Stage stage) throws Exception {
        OrthancServer.assumeInstalled();
        if (orthanc == null) {
            orthanc = OrthancServer.start(false);
        }
        Path source = SmallDicomStudy.write(Files.createDirectories(dir.resolve("study")));
        app = new RayLensApp(ViewerWiring.studyLoader(Files.createDirectories(dir.resolve("data"))),
                new SameThreadRunner(), Files.createDirectories(dir.resolve("config")));
        app.start(stage);
        app.window().open(List.of(source));
    }

    @AfterAll
    static void stop() throws Exception {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    @Test
    void theResultsOfTheViewAreStoredAndTheWindowSaysWhat(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(app.workbench().main().viewport().getImage(), app.workbench().main().messageProperty().get());
        robot.clickOn("#runAnalysis");
        WaitForAsyncUtils.waitForFxEvents();
        assertNotNull(app.workbench().analysis().getResult());
        robot.interact(() -> {
            Preferences.PacsServer server = new Preferences.PacsServer("Orthanc", orthanc.dicomWeb().toString(),
                    "none", null, null);
            app.window().pacs().search().servers().add(server);
            app.window().pacs().search().serverProperty().set(server);
            app.window().sendResultsToPacs();
        });
        WaitForAsyncUtils.waitForFxEvents();
        PacsSendModel send = app.window().pacs().send();
        PacsSendModel.Outcome outcome = send.outcomeProperty().get();
        assertNotNull(outcome, send.messageProperty().get());
        assertTrue(outcome.stored().failed().isEmpty(), send.messageProperty().get());
        Set<String> classes = outcome.stored().stored().stream().map(StoreResult.Stored::sopClassUid)
                .collect(Collectors.toSet());
        assertTrue(classes.containsAll(Set.of("1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.5.1.4.1.1.30",
                "1.2.840.10008.5.1.4.1.1.66.4", "1.2.840.10008.5.1.4.1.1.88.33")),
                "SC, Parametric Map, SEG and SR stored: " + send.messageProperty().get());
        assertEquals(outcome.sent().size(), outcome.stored().stored().size());
        String shown = app.window().notifier().node().getText();
        assertTrue(shown.startsWith("Orthanc stored 4 of 4 objects"), shown);
        assertTrue(shown.contains("stored Segmentation ") && shown.contains("stored SR "), shown);
    }
}
