package org.raylens.viewer.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;

/** The instance cache against a real Orthanc behind a request-counting proxy. */
class DicomWebCacheTest {

    @Test
    void aStudyOpenedTwiceIsFetchedOnce(@TempDir Path tmp) throws Exception {
        List<Path> study = StowOrthancTest.writeStudy(tmp.resolve("study"), 5, 64);
        try (OrthancServer orthanc = OrthancServer.start(false);
                ForwardingProxy proxy = new ForwardingProxy(orthanc.port(), Long.MAX_VALUE);
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(proxy.url("/dicom-web")))) {
            for (Path p : study) {
                orthanc.upload(p);
            }
            DicomWebCache cache = new DicomWebCache(tmp.resolve("cache"), 100_000_000);
            List<InstanceRef> refs = client.listInstances("2.25.161600", CancellationToken.NONE);
            assertEquals(5, refs.size());
            int before = proxy.getRequests();
            List<Path> first = open(cache, client, refs);
            assertEquals(5, proxy.getRequests() - before, "one WADO request per instance the first time");
            int afterFirst = proxy.getRequests();
            List<Path> second = open(cache, client, refs);
            assertEquals(afterFirst, proxy.getRequests(), "no request the second time");
            assertEquals(first, second);
            for (Path p : first) {
                assertTrue(Files.size(p) > 64 * 64 * 2);
            }
        }
    }

    @Test
    void theCacheStaysWithinItsBoundEvictingTheLeastRecentlyUsed(@TempDir Path tmp) throws Exception {
        List<Path> study = StowOrthancTest.writeStudy(tmp.resolve("study"), 4, 128); // ~33 kB each
        long entry = Files.size(study.get(0));
        try (OrthancServer orthanc = OrthancServer.start(false);
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWeb()))) {
            for (Path p : study) {
                orthanc.upload(p);
            }
            List<InstanceRef> refs = client.listInstances("2.25.161600", CancellationToken.NONE).stream()
                    .sorted(java.util.Comparator.comparing(InstanceRef::sopInstanceUid)).toList();
            DicomWebCache cache = new DicomWebCache(tmp.resolve("cache"), entry * 2 + entry / 2); // room for two
            cache.instance(client, refs.get(0), Progress.NONE, CancellationToken.NONE);
            Thread.sleep(20);
            cache.instance(client, refs.get(1), Progress.NONE, CancellationToken.NONE);
            Thread.sleep(20);
            cache.instance(client, refs.get(0), Progress.NONE, CancellationToken.NONE); // 0 used again: 1 is LRU
            Thread.sleep(20);
            cache.instance(client, refs.get(2), Progress.NONE, CancellationToken.NONE);
            DicomWebConfig server = client.config();
            assertTrue(cache.contains(server, refs.get(0)));
            assertFalse(cache.contains(server, refs.get(1)), "least recently used, evicted");
            assertTrue(cache.contains(server, refs.get(2)));
            assertTrue(cache.sizeBytes() <= entry * 2 + entry / 2, "within the bound: " + cache.sizeBytes());
        }
    }

    @Test
    void aFailedFetchLeavesNoEntry(@TempDir Path tmp) throws Exception {
        try (OrthancServer orthanc = OrthancServer.start(false);
                DicomWebClient client = new DicomWebClient(DicomWebConfig.of(orthanc.dicomWeb()))) {
            DicomWebCache cache = new DicomWebCache(tmp.resolve("cache"), 1_000_000);
            InstanceRef missing = new InstanceRef("1.2.3", "1.2.3.4", "1.2.3.4.5");
            assertThrows(DicomWebException.NotFound.class,
                    () -> cache.instance(client, missing, Progress.NONE, CancellationToken.NONE));
            assertFalse(cache.contains(client.config(), missing));
            assertEquals(0, cache.sizeBytes());
        }
    }

    private static List<Path> open(DicomWebCache cache, DicomWebClient client, List<InstanceRef> refs)
            throws Exception {
        List<Path> out = new ArrayList<>();
        for (InstanceRef ref : refs) {
            out.add(cache.instance(client, ref, Progress.NONE, CancellationToken.NONE));
        }
        return out;
    }
}
