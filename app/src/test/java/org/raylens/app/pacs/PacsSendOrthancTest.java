package org.raylens.app.pacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.export.DicomResultSet;
import org.raylens.app.prefs.PacsSecrets;
import org.raylens.app.prefs.Preferences;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.viewer.dicom.DicomReader;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.dicom.codec.SharedData;
import org.raylens.viewer.dicomweb.DicomWebCache;
import org.raylens.viewer.dicomweb.OrthancServer;

/**
 * "Send results to PACS" against a real Orthanc: the results are written to a temporary folder, stored in one STOW-RS
 * request, the server's answer is reported by SOP Instance UID, and the temporary files are gone afterwards.
 */
class PacsSendOrthancTest {

    @TempDir
    Path dir;

    @Test
    void theResultsAreStoredAndWhatTheServerStoredIsReported() throws Exception {
        OrthancServer.assumeInstalled();
        Path shared = SharedData.root();
        Path seg = shared == null ? null : shared.resolve("data/dicom-derived/seg-24x38x3/seg/label.seg");
        assumeTrue(seg != null && Files.isRegularFile(seg), "../shared/data/dicom-derived is absent");
        String segUid = DicomReader.readHeader(seg).dataset().getString(Tag.SOPInstanceUID);
        try (OrthancServer orthanc = OrthancServer.start(false)) {
            Preferences prefs = new Preferences();
            Preferences.PacsServer server = new Preferences.PacsServer("Orthanc", orthanc.dicomWeb().toString(),
                    "none", null, null);
            PacsConnections connections = new PacsConnections(new PacsSecrets(dir.resolve("cfg")),
                    new DicomWebCache(dir.resolve("cache"), 1L << 20), url -> { });
            PacsSendModel send = new PacsSendModel(connections, new SameThreadRunner());
            Path[] written = new Path[1];
            DicomResultSet results = new DicomResultSet(List.of(new DicomResultSet.Result("Segmentation",
                    "raylens-seg.dcm", target -> {
                        written[0] = target;
                        org.raylens.core.io.AtomicFiles.writeBytes(target, Files.readAllBytes(seg));
                    })), List.of("SR: No scores yet: run the analysis with an adapter first"));
            send.send(results, server);

            PacsSendModel.Outcome outcome = send.outcomeProperty().get();
            assertNotNull(outcome, send.messageProperty().get());
            assertEquals(segUid, outcome.stored().stored().get(0).sopInstanceUid());
            String message = send.messageProperty().get();
            assertTrue(message.startsWith("Orthanc stored 1 of 1 object"), message);
            assertTrue(message.contains("stored Segmentation " + segUid), message);
            assertTrue(message.contains("not made: SR: No scores yet"), message);
            assertTrue(!Files.exists(written[0]) && !Files.exists(written[0].getParent()),
                    "the temporary files are deleted");
            assertTrue(prefs.pacsServers.isEmpty());
            connections.close();
        }
    }

    @Test
    void nothingToSendOrNoServerIsSaid() throws Exception {
        PacsConnections connections = new PacsConnections(new PacsSecrets(dir.resolve("cfg")),
                new DicomWebCache(dir.resolve("cache"), 1L << 20), url -> { });
        PacsSendModel send = new PacsSendModel(connections, new SameThreadRunner());
        send.send(new DicomResultSet(List.of(), List.of("SR: No analysis yet: analyse the image first")),
                new Preferences.PacsServer("O", "http://127.0.0.1:1/dicom-web", "none", null, null));
        assertTrue(send.messageProperty().get().contains("Nothing to send: SR: No analysis yet"),
                send.messageProperty().get());
        send.send(new DicomResultSet(List.of(), List.of()), null);
        assertTrue(send.messageProperty().get().contains("No PACS server configured"), send.messageProperty().get());
    }
}
