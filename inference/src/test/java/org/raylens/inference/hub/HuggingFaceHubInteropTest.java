package org.raylens.inference.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;

/**
 * The cache is shared with Python for real: huggingface_hub itself downloads from {@link FakeHub} into one cache that
 * RayLens lists and reuses without fetching again, and reads the cache RayLens wrote ({@code try_to_load_from_cache},
 * {@code scan_cache_dir}). Needs a Python with huggingface_hub: {@code -Draylens.hubPython=/path/to/python} or
 * {@code RAYLENS_HUB_PYTHON}, else {@code python3}; skipped with a message when it cannot import it.
 */
class HuggingFaceHubInteropTest {
    private static final String REPO = "acme/shared-model";
    private static final byte[] CONFIG = "{\"model_type\": \"dinov2\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WEIGHTS = new byte[123_457];
    private static final List<String> FILES = List.of("config.json", "model.safetensors");

    static {
        new Random(7).nextBytes(WEIGHTS);
    }

    @TempDir
    Path tmp;
    private FakeHub hub;
    private String python;

    @BeforeEach
    void start() throws Exception {
        python = System.getProperty("raylens.hubPython", Optional.ofNullable(System.getenv("RAYLENS_HUB_PYTHON"))
                .orElse("python3"));
        Result probe = python("import huggingface_hub; print(huggingface_hub.__version__)");
        assumeTrue(probe.code == 0, "no huggingface_hub in " + python + ": " + probe.output);
        hub = new FakeHub(REPO).add("config.json", CONFIG, false).add("model.safetensors", WEIGHTS, true);
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void raylensListsAndReusesWhatHuggingFaceHubDownloaded() throws Exception {
        Path cache = tmp.resolve("py-cache");
        for (String file : FILES) {
            Result r = python("from huggingface_hub import hf_hub_download; import sys;"
                    + " print(hf_hub_download(sys.argv[1], sys.argv[2], cache_dir=sys.argv[3]))", REPO, file,
                    cache.toString());
            assertEquals(0, r.code, r.output);
        }
        List<CachedModel> listed = new HubCache(cache).list();
        assertEquals(1, listed.size());
        CachedSnapshot snapshot = listed.get(0).snapshots().get(0);
        assertEquals(FakeHub.COMMIT, snapshot.commit());
        assertEquals(List.of("main"), snapshot.refs());
        assertTrue(snapshot.loadable());

        int bodies = hub.requests("/cdn-store/").size();
        DownloadResult reused = downloader(cache).download(new RepoId(REPO), "main", FILES, Progress.NONE,
                CancellationToken.NONE);
        assertEquals(List.of(), reused.fetched(), "the same blobs: nothing downloaded again");
        assertEquals(bodies, hub.requests("/cdn-store/").size());
    }

    @Test
    void huggingFaceHubReadsWhatRaylensDownloaded() throws Exception {
        Path cache = tmp.resolve("java-cache");
        downloader(cache).download(new RepoId(REPO), "main", FILES, Progress.NONE, CancellationToken.NONE);

        Result found = python("from huggingface_hub import try_to_load_from_cache; import sys;"
                + " print(try_to_load_from_cache(sys.argv[1], 'model.safetensors', cache_dir=sys.argv[2]))",
                REPO, cache.toString());
        assertEquals(0, found.code, found.output);
        assertArrayEquals(WEIGHTS, Files.readAllBytes(Path.of(found.output.strip())));

        Result scan = python("from huggingface_hub import scan_cache_dir; import sys;"
                + " info = scan_cache_dir(sys.argv[1]);"
                + " print(len(info.warnings), [(r.repo_id, r.repo_type, r.nb_files,"
                + " sorted(rev.refs), rev.commit_hash) for r in info.repos for rev in r.revisions])", cache.toString());
        assertEquals(0, scan.code, scan.output);
        assertEquals("0 [('" + REPO + "', 'model', 2, ['main'], '" + FakeHub.COMMIT + "')]", scan.output.strip());

        // and Python's own download into that cache finds everything in place (no body fetched)
        int bodies = hub.requests("/cdn-store/").size();
        Result again = python("from huggingface_hub import hf_hub_download; import sys;"
                + " print(hf_hub_download(sys.argv[1], 'model.safetensors', cache_dir=sys.argv[2]))",
                REPO, cache.toString());
        assertEquals(0, again.code, again.output);
        assertEquals(bodies, hub.requests("/cdn-store/").size());
    }

    private HubDownloader downloader(Path cache) {
        return HubDownloader.builder().setCache(new HubCache(cache)).setEndpoint(HubEndpoint.parse(hub.endpoint()))
                .build();
    }

    private record Result(int code, String output) {
    }

    private Result python(String code, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, "-c", code));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("HF_HUB_OFFLINE", "0");
        pb.environment().put("HF_HUB_DISABLE_TELEMETRY", "1");
        pb.environment().put("HF_HUB_DISABLE_PROGRESS_BARS", "1");
        pb.environment().put("HF_HUB_DISABLE_XET", "1");
        pb.environment().remove("HF_TOKEN");
        pb.environment().put("HF_HOME", tmp.resolve("hf-home").toString());
        if (hub != null) {
            pb.environment().put("HF_ENDPOINT", hub.endpoint());
        }
        Path errors = Files.createTempFile(tmp, "python", ".err");
        pb.redirectError(errors.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out");
        }
        int exit = p.exitValue();
        return new Result(exit, exit == 0 ? out : out + Files.readString(errors));
    }
}
