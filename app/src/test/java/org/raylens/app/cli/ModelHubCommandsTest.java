package org.raylens.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code raylens model get} against a minimal Hub on loopback, then {@code model list} on the cache it wrote. The
 * client's faults (resume, wrong sha, redirects, statuses) are tested in inference's HubDownloaderTest; this checks
 * the commands' wiring, output and exit codes.
 */
class ModelHubCommandsTest {
    private static final String COMMIT = "89abcdef0123456789abcdef0123456789abcdef";
    private static final Map<String, byte[]> FILES = Map.of(
            "config.json", "{}".getBytes(StandardCharsets.UTF_8),
            "model.safetensors", "not really weights".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path cache;
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/acme/tiny/resolve/", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String[] revisionAndName = ex.getRequestURI().getPath().substring("/acme/tiny/resolve/".length())
                    .split("/", 2);
            if (!revisionAndName[0].equals("main") && !revisionAndName[0].equals(COMMIT)) {
                ex.getResponseHeaders().set("X-Error-Code", "RevisionNotFound");
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] content = FILES.get(revisionAndName[1]);
            if (content == null) {
                ex.getResponseHeaders().set("X-Error-Code", "EntryNotFound");
                ex.sendResponseHeaders(404, -1);
                return;
            }
            ex.getResponseHeaders().set("X-Repo-Commit", COMMIT);
            ex.getResponseHeaders().set("ETag", "\"" + gitBlobId(content) + "\"");
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Content-Length", Integer.toString(content.length));
                ex.sendResponseHeaders(200, -1);
            } else {
                ex.sendResponseHeaders(200, content.length);
                ex.getResponseBody().write(content);
            }
        }
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        return RayLensCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void getThenListFindsALoadableModel() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = run(out, err, "model", "get", "acme/tiny", "--cache", cache.toString(), "--endpoint", endpoint(),
                "--files", "config.json", "model.safetensors");
        assertEquals(CliExitCodes.OK, rc, err.toString());
        Path snapshot = cache.resolve("models--acme--tiny/snapshots").resolve(COMMIT);
        assertTrue(out.toString().contains("model folder: " + snapshot), out.toString());
        assertTrue(out.toString().contains("config.json  downloaded"), out.toString());
        assertTrue(Files.isSymbolicLink(snapshot.resolve("model.safetensors")));

        StringWriter listed = new StringWriter();
        assertEquals(CliExitCodes.OK, run(listed, new StringWriter(), "model", "list", "--cache", cache.toString()));
        String text = listed.toString();
        assertTrue(text.contains("acme/tiny\n"), text);
        assertTrue(text.contains(COMMIT.substring(0, 12) + " (main)  loadable: config.json + model.safetensors"),
                text);
        assertTrue(text.contains(snapshot.toString()), text);
    }

    @Test
    void failuresAreOneClearLineAndAnExitCode() {
        StringWriter err = new StringWriter();
        int rc = run(new StringWriter(), err, "model", "get", "acme/tiny", "--cache", cache.toString(),
                "--endpoint", endpoint(), "--files", "absent.pt");
        assertEquals(CliExitCodes.FAILURE, rc);
        assertTrue(err.toString().contains("file 'absent.pt' not found in acme/tiny"), err.toString());

        StringWriter insecure = new StringWriter();
        assertEquals(CliExitCodes.FAILURE, run(new StringWriter(), insecure, "model", "get", "acme/tiny",
                "--cache", cache.toString(), "--endpoint", "http://huggingface.co"));
        assertTrue(insecure.toString().contains("HTTPS"), insecure.toString());

        StringWriter badId = new StringWriter();
        assertEquals(CliExitCodes.USAGE, run(new StringWriter(), badId, "model", "get", "../etc", "--cache",
                cache.toString()));
        assertEquals(0, cache.toFile().list().length, "nothing written for failed downloads");
    }

    @Test
    void listOnAnEmptyCacheSaysSo() {
        StringWriter out = new StringWriter();
        assertEquals(CliExitCodes.OK, run(out, new StringWriter(), "model", "list", "--cache",
                cache.resolve("none").toString()));
        assertTrue(out.toString().startsWith("no models in the Hugging Face cache at "), out.toString());
    }

    private static String gitBlobId(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
