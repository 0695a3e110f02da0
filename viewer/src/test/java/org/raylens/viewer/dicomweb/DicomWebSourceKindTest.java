package org.raylens.viewer.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.source.ImageSource;
import org.raylens.viewer.source.ImageSourceException;
import org.raylens.viewer.source.ImageSourceRegistry;

/** The {@code dicomweb+http:} URI form and the kind that opens it: through the cache, and only for known servers. */
class DicomWebSourceKindTest {

    private static final URI INSTANCE = URI.create(
            "dicomweb+http://pacs.example:8042/dicom-web/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5");

    @Test
    void theUriFormRoundTrips() throws Exception {
        DicomWebUri parsed = DicomWebUri.parse(URI.create(INSTANCE + "#frame=3"));
        assertEquals(URI.create("http://pacs.example:8042/dicom-web"), parsed.baseUrl());
        assertEquals(new InstanceRef("1.2.3", "1.2.3.4", "1.2.3.4.5"), parsed.instance());
        assertEquals(3, parsed.frame());
        assertEquals(URI.create(INSTANCE + "#frame=3"), parsed.uri());
        assertThrows(ImageSourceException.class, () -> DicomWebUri.parse(URI.create(
                "dicomweb+http://pacs/dicom-web/studies/1.2/series/1.3")));
        assertThrows(ImageSourceException.class, () -> DicomWebUri.parse(URI.create(INSTANCE + "#frame=0")));
    }

    @Test
    void theServiceLoadedKindClaimsTheUriButNeverConnects() throws Exception {
        // A listener on the URI's port that counts connections: the unconfigured kind must make none.
        try (ServerSocket listener = new ServerSocket(0)) {
            AtomicInteger connections = new AtomicInteger();
            Thread t = new Thread(() -> {
                try {
                    listener.accept().close();
                    connections.incrementAndGet();
                } catch (java.io.IOException closed) {
                    // closed at the end of the test
                }
            });
            t.setDaemon(true);
            t.start();
            URI uri = URI.create("dicomweb+http://127.0.0.1:" + listener.getLocalPort()
                    + "/dicom-web/studies/1.2/series/1.2.3/instances/1.2.3.4");
            ImageSourceRegistry registry = ImageSourceRegistry.fromServiceLoader();
            assertEquals("dicomweb", registry.best(uri).orElseThrow().name());
            ImageSourceException e = assertThrows(ImageSourceException.class, () -> registry.open(uri));
            assertTrue(e.getMessage().contains("is configured"), e.getMessage());
            t.join(TimeUnit.MILLISECONDS.toMillis(300));
            assertEquals(0, connections.get());
        }
    }

    @Test
    void aConfiguredServersInstanceOpensThroughTheCache(@TempDir Path tmp) throws Exception {
        Path file = DicomWebOrthancTest.DATA.resolve("cxr/dicom/CR-MONO1-10-chest.dcm");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(file), "no shared data");
        try (OrthancServer orthanc = OrthancServer.start(false);
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWeb()))) {
            orthanc.upload(file);
            DicomWebCache cache = new DicomWebCache(tmp.resolve("cache"), 50_000_000);
            ImageSourceRegistry registry = new ImageSourceRegistry(List.of(
                    new DicomWebSourceKind(List.of(client), cache), new org.raylens.viewer.source.FileSourceKind()));
            InstanceRef ref = DicomWebFailureTest.refOf(file);
            URI uri = DicomWebUri.of(orthanc.dicomWeb(), ref).uri();
            ImageSource source = registry.open(uri);
            assertEquals(uri, source.uri());
            DisplayableImage image = source.open();
            ImageSource local = registry.open(file.toAbsolutePath().toUri());
            assertEquals(local.open().width(), image.width());
            assertEquals(ref.sopInstanceUid(), source.header().orElseThrow().dataset()
                    .getString(org.raylens.viewer.dicom.Tag.SOPInstanceUID));
            assertTrue(cache.contains(client.config(), ref));
        }
    }
}
