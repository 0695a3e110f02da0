package org.raylens.app.pacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.browser.BrowserNode;
import org.raylens.app.browser.StudyBrowserModel;
import org.raylens.app.open.FileStudyLoader;
import org.raylens.app.prefs.PacsSecrets;
import org.raylens.app.prefs.Preferences;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.app.ui.MainWindowModel;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.codec.SharedData;
import org.raylens.viewer.dicomweb.DicomWebCache;
import org.raylens.viewer.dicomweb.OrthancServer;
import org.raylens.viewer.dicomweb.StudySummary;
import org.raylens.viewer.image.ImageOpener;
import org.raylens.viewer.source.FileSourceKind;
import org.raylens.viewer.study.DicomDirReader;
import org.raylens.viewer.study.FolderScanner;
import org.raylens.viewer.study.HeaderReader;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's PACS search panel against a real Orthanc (skipped with a message where Orthanc or ../shared is
 * absent): the search finds the loaded study, opening it fills the study browser from WADO-RS metadata with no pixel
 * fetched until an image is shown, and a 404, a 500 or a server that is down ends as a clear message, not a hang.
 */
@ExtendWith(ApplicationExtension.class)
class PacsSearchPanelOrthancTest {

    private static OrthancServer orthanc;
    private static Path images;
    private static Path seg;
    private static String segUid;

    @TempDir
    Path dir;

    private final List<URI> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger pixelFetchesWhenTheBrowserFilled = new AtomicInteger(-1);
    private MainWindowModel main;
    private StudyBrowserModel browser;
    private Preferences prefs;
    private PacsWindowParts pacs;

    @BeforeAll
    static void startOrthanc() throws Exception {
        OrthancServer.assumeInstalled();
        Path shared = SharedData.root();
        Path derived = shared == null ? null : shared.resolve("data/dicom-derived/seg-24x38x3");
        assumeTrue(derived != null && Files.isDirectory(derived), "../shared/data/dicom-derived is absent");
        images = derived.resolve("image");
        seg = derived.resolve("seg/label.seg");
        segUid = DicomReader.readHeader(seg).dataset().getString(Tag.SOPInstanceUID);
        orthanc = OrthancServer.start(false);
        try (var files = Files.list(images)) {
            for (Path f : files.sorted().toList()) {
                orthanc.upload(f);
            }
        }
        orthanc.upload(seg);
    }

    @AfterAll
    static void stopOrthanc() throws Exception {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        FileStudyLoader loader = new FileStudyLoader(new FolderScanner(1, HeaderReader.DICOM),
                new DicomDirReader(1, HeaderReader.DICOM), new FileSourceKind(new ImageOpener(), HeaderReader.DICOM),
                List::of);
        main = new MainWindowModel(loader, new SameThreadRunner());
        browser = new StudyBrowserModel(main.instances(), main.withoutSource());
        browser.treeProperty().addListener((o, a, now) -> {
            if (!now.isEmpty() && pixelFetchesWhenTheBrowserFilled.get() < 0) {
                pixelFetchesWhenTheBrowserFilled.set(pixelFetches());
            }
        });
        prefs = new Preferences();
        prefs.pacsServers.add(new Preferences.PacsServer("Orthanc", orthanc == null ? "http://127.0.0.1:1/dicom-web"
                : orthanc.dicomWeb().toString(), "none", null, null));
        pacs = new PacsWindowParts(prefs, () -> { }, new PacsSecrets(dir.resolve("config")),
                new DicomWebCache(dir.resolve("cache"), 1L << 30), new SameThreadRunner(), main::show, requests::add);
        stage.setScene(new Scene(new HBox(pacs.panel(() -> stage)), 420, 760));
        stage.show();
    }

    /** WADO-RS retrievals of whole image instances: {@code .../instances/<uid>} with no query, the SEG left out. */
    private int pixelFetches() {
        return (int) imageFetches().count();
    }

    private java.util.stream.Stream<URI> imageFetches() {
        return requests.stream().filter(u -> u.getQuery() == null && u.getPath().matches(".*/instances/[0-9.]+")
                && !u.getPath().endsWith("/" + segUid));
    }

    @Test
    void theSearchFindsTheStudyAndOpeningItFillsTheBrowserFromMetadataBeforeAnyPixel(FxRobot robot)
            throws Exception {
        String patientId = DicomReader.readHeader(images.resolve("IMG0001.dcm")).dataset().getString(Tag.PatientID);
        String studyUid = DicomReader.readHeader(images.resolve("IMG0001.dcm")).dataset()
                .getString(Tag.StudyInstanceUID);
        robot.clickOn("#pacsPatientId").write(patientId);
        robot.clickOn("#pacsSearch");
        WaitForAsyncUtils.waitForFxEvents();
        ListView<StudySummary> studies = robot.lookup("#pacsStudies").queryListView();
        assertEquals(1, studies.getItems().size(), robot.lookup("#pacsMessage").queryAs(Label.class).getText());
        assertEquals(studyUid, studies.getItems().get(0).studyInstanceUid());
        assertEquals(0, pixelFetches(), "a search fetches no pixels");

        robot.interact(() -> studies.getSelectionModel().select(0));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(pacs.search().series().isEmpty(), "the study's series are listed");
        robot.clickOn("#pacsOpen");
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(0, pixelFetchesWhenTheBrowserFilled.get(), "the browser filled from metadata alone: " + requests);
        assertTrue(requests.stream().anyMatch(u -> u.getPath().endsWith("/studies/" + studyUid + "/metadata")));
        assertEquals(3, main.instances().size(), "three images; the SEG is not an image");
        List<BrowserNode> series = browser.getTree().get(0).children().get(0).children();
        assertTrue(series.get(0).children().stream().anyMatch(n -> n.kind() == BrowserNode.Kind.DERIVED
                && n.label().startsWith("SEG")), "the SEG is listed under its source series");
        assertNotNull(main.viewport().getImage(), "the first image is shown: " + main.messageProperty().get());
        assertEquals(1, pixelFetches(), "only the image shown was fetched");
        assertEquals(main.instances().get(0).source().uri().getPath().replaceAll(".*/instances/", ""),
                imageFetches().findFirst().orElseThrow().getPath().replaceAll(".*/instances/", ""));
        assertTrue(requests.stream().anyMatch(u -> u.getPath().endsWith("/instances/" + segUid)),
                "the SEG listed under the images was fetched with the metadata, for its layers");
        assertTrue(main.instances().get(0).derived().stream().allMatch(d -> java.nio.file.Files.isRegularFile(
                d.path())), "the window reads the SEG from its cache entry");
    }

    @Test
    void aMissingDicomWebRootSaysNotFound(FxRobot robot) {
        useServer(robot, URI.create("http://127.0.0.1:" + orthanc.port() + "/no-dicom-web-here").toString());
        robot.clickOn("#pacsSearch");
        WaitForAsyncUtils.waitForFxEvents();
        String text = robot.lookup("#pacsMessage").queryAs(Label.class).getText();
        assertTrue(text.startsWith("PACS: ") && text.contains("404"), text);
        assertTrue(pacs.search().failedProperty().get());
    }

    @Test
    void aServerErrorSaysSoWithTheStatus(FxRobot robot) throws Exception {
        HttpServer failing = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        failing.createContext("/", exchange -> {
            byte[] body = "database locked".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        failing.start();
        try {
            useServer(robot, "http://127.0.0.1:" + failing.getAddress().getPort() + "/dicom-web");
            robot.clickOn("#pacsSearch");
            WaitForAsyncUtils.waitForFxEvents();
            String text = robot.lookup("#pacsMessage").queryAs(Label.class).getText();
            assertTrue(text.contains("HTTP 500") && text.contains("database locked"), text);
        } finally {
            failing.stop(0);
        }
    }

    @Test
    void aServerThatIsDownSaysItCannotBeReached(FxRobot robot) throws Exception {
        useServer(robot, "http://127.0.0.1:" + OrthancServer.freePort() + "/dicom-web");
        robot.clickOn("#pacsSearch");
        WaitForAsyncUtils.waitForFxEvents();
        String text = robot.lookup("#pacsMessage").queryAs(Label.class).getText();
        assertTrue(text.contains("cannot be reached"), text);
        assertFalse(pacs.search().busyProperty().get(), "nothing left in flight");
    }

    private void useServer(FxRobot robot, String url) {
        robot.interact(() -> {
            Preferences.PacsServer s = new Preferences.PacsServer("Other", url, "none", null, null);
            pacs.search().servers().add(s);
            pacs.search().serverProperty().set(s);
        });
    }
}
