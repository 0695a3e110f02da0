package org.raylens.inference.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;

/** Downloads from {@link FakeHub} on loopback into a temporary cache: layout, resume, verification and failures. */
class HubDownloaderTest {
    private static final String REPO = "acme/tiny-model";
    private static final byte[] CONFIG = "{\"model_type\": \"dinov2\"}\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WEIGHTS = randomBytes(300_000);
    private static final List<String> FILES = List.of("config.json", "model.safetensors");

    @TempDir
    Path cacheRoot;
    private FakeHub hub;
    private HubCache cache;

    @BeforeEach
    void start() throws IOException {
        hub = new FakeHub(REPO).add("config.json", CONFIG, false).add("model.safetensors", WEIGHTS, true);
        cache = new HubCache(cacheRoot);
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private HubDownloader downloader(int retries, Optional<String> token) {
        return HubDownloader.builder().setCache(cache).setEndpoint(HubEndpoint.parse(hub.endpoint()))
                .optToken(token).optRetries(retries)
                .optTimeouts(new HubTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .build();
    }

    private DownloadResult get(int retries) throws IOException {
        return downloader(retries, Optional.empty()).download(new RepoId(REPO), "main", FILES, Progress.NONE,
                CancellationToken.NONE);
    }

    private Path repoFolder() {
        return cacheRoot.resolve("models--acme--tiny-model");
    }

    @Test
    void downloadWritesHuggingFaceCacheLayout() throws IOException {
        DownloadResult result = get(0);

        Path snapshot = repoFolder().resolve("snapshots").resolve(FakeHub.COMMIT);
        assertEquals(snapshot, result.snapshotFolder());
        assertEquals(FakeHub.COMMIT, Files.readString(repoFolder().resolve("refs/main")), "refs/main, no newline");
        for (String file : FILES) {
            Path pointer = snapshot.resolve(file);
            assertTrue(Files.isSymbolicLink(pointer), file + " is a link");
            assertEquals(Path.of("../../blobs/" + hub.etag(file)), Files.readSymbolicLink(pointer),
                    "relative link to the blob, as huggingface_hub makes it");
        }
        assertArrayEquals(WEIGHTS, Files.readAllBytes(snapshot.resolve("model.safetensors")));
        assertArrayEquals(CONFIG, Files.readAllBytes(snapshot.resolve("config.json")));
        assertEquals(FakeHub.sha256(WEIGHTS), hub.etag("model.safetensors"), "LFS blob named by its sha256");
        assertTrue(Files.isRegularFile(repoFolder().resolve("blobs").resolve(FakeHub.sha256(WEIGHTS))));
        assertEquals(List.of(), leftovers(), "no part or temporary files left");
        assertEquals(FILES, result.fetched());

        List<CachedModel> listed = cache.list();
        assertEquals(1, listed.size());
        assertEquals(REPO, listed.get(0).repo().id());
        assertEquals(List.of("main"), listed.get(0).snapshots().get(0).refs());
        assertEquals(ModelFolderCheck.Kind.SAFETENSORS_FOLDER, listed.get(0).snapshots().get(0).kind());
    }

    @Test
    void tokenGoesToTheHubButNotToTheCdn() throws IOException {
        hub.requiredToken = "hf_secret";
        downloader(0, Optional.of("hf_secret")).download(new RepoId(REPO), "main", FILES, Progress.NONE,
                CancellationToken.NONE);

        assertTrue(hub.requests("/acme/").stream().allMatch(s -> "Bearer hf_secret".equals(s.authorization())));
        List<FakeHub.Seen> cdn = hub.requests("/cdn");
        assertFalse(cdn.isEmpty());
        assertTrue(cdn.stream().allMatch(s -> s.authorization() == null && s.host().startsWith("localhost")),
                "the token is stripped on the redirect to another host: " + cdn);
    }

    @Test
    void renamedRepositoryIsFollowedAndKeepsTheToken() throws IOException {
        hub.requiredToken = "hf_secret";
        DownloadResult result = downloader(0, Optional.of("hf_secret")).download(new RepoId(REPO + "-old"), "main",
                FILES, Progress.NONE, CancellationToken.NONE);
        assertArrayEquals(WEIGHTS, Files.readAllBytes(result.snapshotFolder().resolve("model.safetensors")));
        assertTrue(hub.requests("/acme/tiny-model/").stream().allMatch(s -> s.authorization() != null),
                "a relative redirect stays on the Hub, with the token");
        assertTrue(Files.isDirectory(cacheRoot.resolve("models--acme--tiny-model-old/snapshots")),
                "cached under the name asked for, as huggingface_hub does");
    }

    @Test
    void secondDownloadUsesTheCache() throws IOException {
        get(0);
        int before = hub.requests("/cdn-store/").size();
        DownloadResult again = get(0);
        assertEquals(List.of(), again.fetched());
        assertEquals(before, hub.requests("/cdn-store/").size(), "no body fetched twice");

        // a commit hash whose files are cached needs no network at all
        int all = hub.seen.size();
        hub.close();
        DownloadResult pinned = downloader(0, Optional.empty()).download(new RepoId(REPO), FakeHub.COMMIT, FILES,
                Progress.NONE, CancellationToken.NONE);
        assertEquals(FakeHub.COMMIT, pinned.commit());
        assertEquals(all, hub.seen.size());
    }

    @Test
    void cutTransferResumesByteExactOnTheNextRun() throws IOException {
        hub.cutAfter = 100_000;
        HubException cut = assertThrows(HubException.class, () -> get(0));
        assertEquals(HubException.Kind.TRUNCATED, cut.kind(), cut.getMessage());
        Path part = repoFolder().resolve("blobs").resolve(FakeHub.sha256(WEIGHTS) + ".incomplete");
        assertEquals(100_000, Files.size(part), "what arrived is kept");
        assertFalse(Files.exists(repoFolder().resolve("snapshots").resolve(FakeHub.COMMIT)
                .resolve("model.safetensors"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(repoFolder().resolve("refs/main")), "no ref to an incomplete snapshot");

        DownloadResult result = get(0);

        List<FakeHub.Seen> bodies = hub.requests("/cdn-store/");
        assertEquals("bytes=100000-", bodies.get(bodies.size() - 1).range(), "only the missing tail is asked for");
        assertArrayEquals(WEIGHTS, Files.readAllBytes(result.snapshotFolder().resolve("model.safetensors")));
        assertFalse(Files.exists(part));
    }

    @Test
    void cutTransferResumesWithinOneCallWhenRetriesAreAllowed() throws IOException {
        hub.cutAfter = 50_000;
        DownloadResult result = get(2);
        assertEquals(1, hub.cuts.get());
        assertEquals("bytes=50000-", hub.requests("/cdn-store/").get(1).range());
        assertArrayEquals(WEIGHTS, Files.readAllBytes(result.snapshotFolder().resolve("model.safetensors")));
    }

    @Test
    void serverIgnoringRangeRestartsFromZero() throws IOException {
        hub.cutAfter = 70_000;
        assertThrows(HubException.class, () -> get(0));
        hub.ignoreRange = true;
        DownloadResult result = get(0);
        assertArrayEquals(WEIGHTS, Files.readAllBytes(result.snapshotFolder().resolve("model.safetensors")));
    }

    @Test
    void wrongShaIsRefusedAndNothingEntersTheCache() throws IOException {
        hub.corrupt = true;
        HubException e = assertThrows(HubException.class, () -> get(3));
        assertEquals(HubException.Kind.CHECKSUM_MISMATCH, e.kind());
        // config.json (first, a git file checked by its blob id) is refused before the weights are asked for
        assertTrue(e.getMessage().contains(hub.etag("config.json")), e.getMessage());
        assertEquals(List.of(), snapshotEntries());
        assertEquals(List.of(), blobEntries());
        assertFalse(Files.exists(repoFolder().resolve("refs/main")));
    }

    @Test
    void corruptedWeightsAfterAGoodConfigNeverBecomeAModel() throws IOException {
        downloader(0, Optional.empty()).download(new RepoId(REPO), "main", List.of("config.json"), Progress.NONE,
                CancellationToken.NONE);
        hub.corrupt = true;
        HubException e = assertThrows(HubException.class, () -> get(0));
        assertEquals(HubException.Kind.CHECKSUM_MISMATCH, e.kind());
        assertTrue(e.getMessage().contains(FakeHub.sha256(WEIGHTS)), e.getMessage());
        assertEquals(List.of("config.json"), snapshotEntries());
        assertEquals(List.of(hub.etag("config.json")), blobEntries());
        assertTrue(new HubCache(cacheRoot).list().stream().noneMatch(CachedModel::loadable));
    }

    @Test
    void gatedRepositoryWithoutTokenSaysATokenIsNeeded() {
        hub.requiredToken = "hf_secret";
        HubException e = assertThrows(HubException.class, () -> get(0));
        assertEquals(HubException.Kind.UNAUTHORIZED, e.kind());
        assertTrue(e.getMessage().contains("gated") && e.getMessage().contains("token"), e.getMessage());

        HubException wrong = assertThrows(HubException.class, () -> downloader(0, Optional.of("hf_wrong"))
                .download(new RepoId(REPO), "main", FILES, Progress.NONE, CancellationToken.NONE));
        assertEquals(HubException.Kind.FORBIDDEN, wrong.kind());
    }

    @Test
    void plain401SaysTokenOrMissingRepository() {
        HubException e = assertThrows(HubException.class, () -> downloader(0, Optional.empty())
                .download(new RepoId("acme/absent"), "main", FILES, Progress.NONE, CancellationToken.NONE));
        assertEquals(HubException.Kind.UNAUTHORIZED, e.kind());
        assertTrue(e.getMessage().contains("needs a token") && e.getMessage().contains("does not exist"),
                e.getMessage());
    }

    @Test
    void missingFileAndRevisionAreNamed() {
        HubException file = assertThrows(HubException.class, () -> downloader(0, Optional.empty())
                .download(new RepoId(REPO), "main", List.of("absent.pt"), Progress.NONE, CancellationToken.NONE));
        assertEquals(HubException.Kind.NOT_FOUND, file.kind());
        assertTrue(file.getMessage().contains("file 'absent.pt' not found"), file.getMessage());

        HubException revision = assertThrows(HubException.class, () -> downloader(0, Optional.empty())
                .download(new RepoId(REPO), "v9", FILES, Progress.NONE, CancellationToken.NONE));
        assertTrue(revision.getMessage().contains("revision 'v9' not found"), revision.getMessage());
    }

    @Test
    void serverErrorAndPlain404AreTyped() throws IOException {
        hub.status = 500;
        HubException server = assertThrows(HubException.class, () -> get(0));
        assertEquals(HubException.Kind.SERVER_ERROR, server.kind());
        assertTrue(server.getMessage().contains("500") && server.getMessage().contains("try again later"));

        hub.status = 404;
        HubException missing = assertThrows(HubException.class, () -> get(0));
        assertEquals(HubException.Kind.NOT_FOUND, missing.kind());
        assertEquals(List.of(), leftovers());
    }

    @Test
    void redirectLoopIsRefused() {
        hub.redirectLoop = true;
        HubException e = assertThrows(HubException.class, () -> get(0));
        assertEquals(HubException.Kind.REDIRECT_LOOP, e.kind(), e.getMessage());
    }

    @Test
    void stalledTransferTimesOutInsteadOfHanging() {
        hub.stallAfter = 10_000;
        long start = System.nanoTime();
        HubException e = assertThrows(HubException.class, () -> get(0));
        assertEquals(HubException.Kind.TRUNCATED, e.kind(), e.getMessage());
        assertTrue(System.nanoTime() - start < 4_000_000_000L, "gave up after the 1 s idle timeout");
    }

    @Test
    void cancelStopsAndKeepsThePartForResume() throws IOException {
        hub.stallAfter = 20_000;
        CancellationToken.Source cancel = CancellationToken.newSource();
        Progress cancelOnFirstBytes = (done, total, item) -> {
            if (done >= 20_000) {
                cancel.cancel();
            }
        };
        HubDownloader slowIdle = HubDownloader.builder().setCache(cache).setEndpoint(HubEndpoint.parse(hub.endpoint()))
                .optTimeouts(new HubTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .build();
        assertThrows(CancellationException.class, () -> slowIdle.download(new RepoId(REPO), "main", FILES,
                cancelOnFirstBytes, cancel));
        Path part = repoFolder().resolve("blobs").resolve(FakeHub.sha256(WEIGHTS) + ".incomplete");
        assertEquals(20_000, Files.size(part));

        hub.stallAfter = -1;
        DownloadResult result = get(0);
        assertArrayEquals(WEIGHTS, Files.readAllBytes(result.snapshotFolder().resolve("model.safetensors")));
    }

    private List<String> leftovers() throws IOException {
        if (!Files.exists(cacheRoot)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(cacheRoot)) {
            return walk.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".incomplete") || n.endsWith(".part") || n.endsWith(".link"))
                    .toList();
        }
    }

    private List<String> snapshotEntries() throws IOException {
        Path snapshots = repoFolder().resolve("snapshots");
        if (!Files.exists(snapshots)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(snapshots)) {
            return walk.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> blobEntries() throws IOException {
        Path blobs = repoFolder().resolve("blobs");
        if (!Files.exists(blobs)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(blobs)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(14).nextBytes(bytes);
        return bytes;
    }
}
