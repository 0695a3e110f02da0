package org.raylens.viewer.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.concurrent.CancellationException;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;

/**
 * Every way a DICOMweb exchange can fail ends in its typed error with a clear message, within the timeouts, and
 * leaves no file (not even a half-written one) where the instance was to go.
 */
class DicomWebFailureTest {

    private static final InstanceRef SOME_INSTANCE = new InstanceRef("1.2.3", "1.2.3.4", "1.2.3.4.5");
    private static final Duration QUICK = Duration.ofMillis(800);

    @Test
    void aServerThatIsDownIsUnreachable() throws Exception {
        URI nothing = URI.create("http://127.0.0.1:" + OrthancServer.freePort() + "/dicom-web");
        try (DicomWebClient client = new DicomWebClient(DicomWebConfig.of(nothing))) {
            DicomWebException.ServerUnreachable e = assertThrows(DicomWebException.ServerUnreachable.class,
                    () -> client.searchStudies(StudyQuery.all(), CancellationToken.NONE));
            assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
        }
    }

    @Test
    void anUnknownStudyIsNotFound(@TempDir Path tmp) throws Exception {
        try (OrthancServer orthanc = OrthancServer.start(false);
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWeb()))) {
            DicomWebException.NotFound e = assertThrows(DicomWebException.NotFound.class,
                    () -> client.studyMetadata("1.2.3.999", CancellationToken.NONE));
            assertTrue(e.getMessage().contains("study 1.2.3.999 not found"), e.getMessage());
            Path target = tmp.resolve("x.dcm");
            assertThrows(DicomWebException.NotFound.class, () -> client.retrieveInstance(SOME_INSTANCE, target,
                    Progress.NONE, CancellationToken.NONE));
            assertEquals(List.of(), DicomWebOrthancTest.files(tmp), "nothing written");
        }
    }

    @Test
    void credentialsAreAskedForAndSent() throws Exception {
        try (OrthancServer orthanc = OrthancServer.start(true);
                DicomWebClient anonymous = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWeb()));
                DicomWebClient wrong = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWeb())
                        .withAuth(DicomWebAuth.basic(OrthancServer.USER, "wrong")));
                DicomWebClient right = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWeb())
                        .withAuth(DicomWebAuth.basic(OrthancServer.USER, OrthancServer.PASSWORD)))) {
            DicomWebException.Unauthorized e = assertThrows(DicomWebException.Unauthorized.class,
                    () -> anonymous.searchStudies(StudyQuery.all(), CancellationToken.NONE));
            assertTrue(e.getMessage().contains("credentials needed"), e.getMessage());
            assertThrows(DicomWebException.Unauthorized.class,
                    () -> wrong.searchStudies(StudyQuery.all(), CancellationToken.NONE));
            assertEquals(List.of(), right.searchStudies(StudyQuery.all(), CancellationToken.NONE));
        }
    }

    @Test
    void aBearerTokenIsSentAsSuch() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(x -> ScriptedHttpServer.respond(x, 200,
                DicomWebClient.DICOM_JSON, "[]".getBytes(StandardCharsets.UTF_8)));
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(server.dicomWeb())
                        .withAuth(DicomWebAuth.bearer("tok-123")))) {
            client.searchStudies(StudyQuery.all(), CancellationToken.NONE);
            assertEquals(List.of("Bearer tok-123"), server.authorizations);
        }
    }

    @Test
    void aServerErrorIsTypedWithItsStatusAndBody(@TempDir Path tmp) throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(x -> ScriptedHttpServer.respond(x, 500,
                "text/plain", "database is locked".getBytes(StandardCharsets.UTF_8)));
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(server.dicomWeb()))) {
            DicomWebException.ServerError e = assertThrows(DicomWebException.ServerError.class,
                    () -> client.searchStudies(StudyQuery.all(), CancellationToken.NONE));
            assertEquals(500, e.status());
            assertTrue(e.getMessage().contains("database is locked"), e.getMessage());
            assertThrows(DicomWebException.ServerError.class, () -> client.retrieveInstance(SOME_INSTANCE,
                    tmp.resolve("x.dcm"), Progress.NONE, CancellationToken.NONE));
            assertEquals(List.of(), DicomWebOrthancTest.files(tmp));
        }
    }

    @Test
    void aWrongContentTypeIsTyped(@TempDir Path tmp) throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(x -> ScriptedHttpServer.respond(x, 200,
                "text/html", "<html>login page</html>".getBytes(StandardCharsets.UTF_8)));
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(server.dicomWeb()))) {
            DicomWebException.WrongContentType e = assertThrows(DicomWebException.WrongContentType.class,
                    () -> client.searchStudies(StudyQuery.all(), CancellationToken.NONE));
            assertTrue(e.getMessage().contains("'text/html'"), e.getMessage());
            assertThrows(DicomWebException.WrongContentType.class, () -> client.retrieveInstance(SOME_INSTANCE,
                    tmp.resolve("x.dcm"), Progress.NONE, CancellationToken.NONE));
            assertEquals(List.of(), DicomWebOrthancTest.files(tmp));
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(x -> sleep(10_000));
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(server.dicomWeb())
                        .withTimeouts(QUICK, QUICK))) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(DicomWebException.Timeout.class,
                    () -> client.searchStudies(StudyQuery.all(), CancellationToken.NONE)));
        }
    }

    @Test
    void aBodyThatStallsHalfwayTimesOutAndLeavesNoFile(@TempDir Path tmp) throws Exception {
        String boundary = "b0undary";
        byte[] start = ("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n" + "x".repeat(1000))
                .getBytes(StandardCharsets.US_ASCII);
        try (ScriptedHttpServer server = new ScriptedHttpServer(x -> {
                    x.getResponseHeaders().set("Content-Type", "multipart/related; type=\"application/dicom\"; "
                            + "boundary=" + boundary);
                    x.sendResponseHeaders(200, 100_000);
                    x.getResponseBody().write(start);
                    x.getResponseBody().flush();
                    sleep(10_000);
                    x.close();
                });
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(server.dicomWeb())
                        .withTimeouts(QUICK, QUICK))) {
            DicomWebException.Timeout e = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThrows(
                    DicomWebException.Timeout.class, () -> client.retrieveInstance(SOME_INSTANCE,
                            tmp.resolve("x.dcm"), Progress.NONE, CancellationToken.NONE)));
            assertTrue(e.getMessage().contains("no data for 800 ms"), e.getMessage());
            assertEquals(List.of(), DicomWebOrthancTest.files(tmp), "no entry, no temporary file");
        }
    }

    @Test
    void aProxyThatCutsTheBodyGivesTruncatedAndNoFile(@TempDir Path tmp) throws Exception {
        Path file = DicomWebOrthancTest.DATA.resolve("cxr/dicom/DX_J2K_0Padding.dcm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/data is absent");
        InstanceRef ref = refOf(file);
        try (OrthancServer orthanc = OrthancServer.start(false);
                ForwardingProxy proxy = new ForwardingProxy(orthanc.port(), 500_000)) {
            orthanc.upload(file);
            try (DicomWebClient client = new DicomWebClient(DicomWebConfig.of(proxy.url("/dicom-web")))) {
                DicomWebException.Truncated e = assertThrows(DicomWebException.Truncated.class,
                        () -> client.retrieveInstance(ref, tmp.resolve("x.dcm"), Progress.NONE,
                                CancellationToken.NONE));
                assertTrue(e.getMessage().contains("cut off"), e.getMessage());
                assertEquals(List.of(), DicomWebOrthancTest.files(tmp));
            }
        }
    }

    @Test
    void orthancKilledMidTransferGivesTruncatedAndNoFile(@TempDir Path tmp) throws Exception {
        List<Path> big = StowOrthancTest.writeStudy(tmp.resolve("big"), 1, 4096); // one 32 MB instance
        InstanceRef ref = refOf(big.get(0));
        Path out = Files.createDirectories(tmp.resolve("out"));
        try (OrthancServer orthanc = OrthancServer.start(false);
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWeb()))) {
            orthanc.upload(big.get(0));
            Progress killOnFirstBytes = new Progress() {
                boolean killed;

                @Override
                public void report(long done, long total, String message) {
                    if (!killed) {
                        killed = true;
                        try {
                            orthanc.kill();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            };
            DicomWebException e = assertThrows(DicomWebException.class, () -> client.retrieveInstance(ref,
                    out.resolve("x.dcm"), killOnFirstBytes, CancellationToken.NONE));
            assertTrue(e instanceof DicomWebException.Truncated, e.toString());
            assertEquals(List.of(), DicomWebOrthancTest.files(out));
            assertThrows(DicomWebException.ServerUnreachable.class,
                    () -> client.searchStudies(StudyQuery.all(), CancellationToken.NONE));
        }
    }

    @Test
    void cancellingARetrieveStopsItAndLeavesNoFile(@TempDir Path tmp) throws Exception {
        Path file = DicomWebOrthancTest.DATA.resolve("cxr/dicom/DX_J2K_0Padding.dcm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file), "../shared/data is absent");
        CancellationToken.Source cancel = CancellationToken.newSource();
        try (OrthancServer orthanc = OrthancServer.start(false);
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWeb()))) {
            orthanc.upload(file);
            assertThrows(CancellationException.class, () -> client.retrieveInstance(refOf(file),
                    tmp.resolve("x.dcm"), (done, total, m) -> cancel.cancel(), cancel));
            assertEquals(List.of(), DicomWebOrthancTest.files(tmp));
        }
    }

    @Test
    void aDicomWebConfigRefusesANonHttpUrl() {
        assertThrows(IllegalArgumentException.class, () -> DicomWebConfig.of(URI.create("ftp://pacs/dicom-web")));
        assertFalse(DicomWebAuth.basic("u", "p").toString().contains("p]"), "no password in toString");
    }

    static InstanceRef refOf(Path file) throws Exception {
        var h = DicomWebOrthancTest.header(file);
        return new InstanceRef(h.getString(org.raylens.viewer.dicom.Tag.StudyInstanceUID),
                h.getString(org.raylens.viewer.dicom.Tag.SeriesInstanceUID),
                h.getString(org.raylens.viewer.dicom.Tag.SOPInstanceUID));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
