package org.raylens.inference.hub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A small Hugging Face Hub on loopback for tests: {@code HEAD/GET /<org>/<name>/resolve/<rev>/<file>} answers as the
 * Hub does (ETag, X-Repo-Commit; LFS files redirect to a "CDN" on another host name, {@code localhost} instead of
 * {@code 127.0.0.1}, with X-Linked-Etag/X-Linked-Size), the CDN redirects once more (relatively) and serves bytes
 * with Range. Fault switches: cut a transfer after n bytes, stall, serve a wrong byte, answer a status, redirect in
 * a circle, require a token. It records every request (path, Range, Authorization) for the tests to check.
 */
final class FakeHub implements AutoCloseable {
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final Pattern RESOLVE = Pattern.compile("/([^/]+/[^/]+)/resolve/([^/]+)/(.+)");

    /** One request as received. */
    record Seen(String method, String host, String path, String range, String authorization) {
    }

    private record Entry(byte[] content, boolean lfs) {
        String etag() {
            return lfs ? sha256(content) : gitSha1(content);
        }
    }

    private final HttpServer server;
    private final String scheme;
    private final String repo;
    private final Map<String, Entry> files = new LinkedHashMap<>();
    final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    /** Cut the next n CDN bodies after this many bytes (Content-Length still announces the whole). */
    volatile long cutAfter = -1;
    final AtomicInteger cuts = new AtomicInteger();
    /** Stall (send nothing more) after this many bytes, for the idle timeout. */
    volatile long stallAfter = -1;
    volatile boolean corrupt;
    volatile boolean redirectLoop;
    volatile boolean ignoreRange;
    /** A status the resolve endpoint answers instead, with an optional X-Error-Code. */
    volatile int status;
    volatile String errorCode;
    /** When set, resolve needs "Bearer <token>": none gives 401 GatedRepo, a wrong one 403. */
    volatile String requiredToken;

    FakeHub(String repo) throws IOException {
        this(repo, null);
    }

    /** @param tls serve HTTPS with this context (its certificate must name 127.0.0.1 and localhost); null: HTTP */
    FakeHub(String repo, SSLContext tls) throws IOException {
        this.repo = repo;
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls != null) {
            HttpsServer https = HttpsServer.create(loopback, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
            scheme = "https";
        } else {
            server = HttpServer.create(loopback, 0);
            scheme = "http";
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-hub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    FakeHub add(String name, byte[] content, boolean lfs) {
        files.put(name, new Entry(content, lfs));
        return this;
    }

    String etag(String name) {
        return files.get(name).etag();
    }

    /** The Hub's address, on 127.0.0.1. */
    String endpoint() {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The CDN's address: the same server under another host name, so the client must treat it as another host. */
    private String cdn() {
        return scheme + "://localhost:" + server.getAddress().getPort();
    }

    List<Seen> requests(String pathPrefix) {
        synchronized (seen) {
            return seen.stream().filter(s -> s.path().startsWith(pathPrefix)).toList();
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestHeaders().getFirst("Host"), path,
                    ex.getRequestHeaders().getFirst("Range"), ex.getRequestHeaders().getFirst("Authorization")));
            Matcher m = RESOLVE.matcher(path);
            if (m.matches()) {
                resolve(ex, m.group(1), m.group(2), m.group(3));
            } else if (path.startsWith("/cdn/")) {
                if (redirectLoop) {
                    redirect(ex, "/loop/a");
                } else {
                    redirect(ex, "/cdn-store/" + path.substring("/cdn/".length()));
                }
            } else if (path.equals("/loop/a")) {
                redirect(ex, "/loop/b");
            } else if (path.equals("/loop/b")) {
                redirect(ex, cdn() + "/loop/a");
            } else if (path.startsWith("/cdn-store/")) {
                String etag = path.substring("/cdn-store/".length());
                Entry entry = files.values().stream().filter(e -> e.etag().equals(etag)).findFirst().orElse(null);
                if (entry == null) {
                    empty(ex, 404);
                } else {
                    body(ex, entry);
                }
            } else {
                empty(ex, 404);
            }
        }
    }

    private void resolve(HttpExchange ex, String repoId, String revision, String file) throws IOException {
        if (status != 0) {
            if (errorCode != null) {
                ex.getResponseHeaders().set("X-Error-Code", errorCode);
            }
            empty(ex, status);
            return;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (requiredToken != null && !("Bearer " + requiredToken).equals(auth)) {
            ex.getResponseHeaders().set("X-Error-Code", "GatedRepo");
            empty(ex, auth == null ? 401 : 403);
            return;
        }
        if (repoId.equals(repo + "-old")) {
            // a renamed repository: the Hub answers with a relative redirect to the new name
            redirect(ex, "/" + repo + "/resolve/" + revision + "/" + file);
            return;
        }
        if (!repoId.equals(repo)) {
            ex.getResponseHeaders().set("X-Error-Code", "RepoNotFound");
            empty(ex, 401);
            return;
        }
        if (!revision.equals("main") && !revision.equals(COMMIT)) {
            ex.getResponseHeaders().set("X-Error-Code", "RevisionNotFound");
            empty(ex, 404);
            return;
        }
        ex.getResponseHeaders().set("X-Repo-Commit", COMMIT);
        Entry entry = files.get(file);
        if (entry == null) {
            ex.getResponseHeaders().set("X-Error-Code", "EntryNotFound");
            empty(ex, 404);
            return;
        }
        if (entry.lfs()) {
            ex.getResponseHeaders().set("X-Linked-Etag", "\"" + entry.etag() + "\"");
            ex.getResponseHeaders().set("X-Linked-Size", Long.toString(entry.content().length));
            ex.getResponseHeaders().set("ETag", "\"" + gitSha1(("lfs pointer " + file).getBytes()) + "\"");
            redirect(ex, cdn() + "/cdn/" + entry.etag());
            return;
        }
        ex.getResponseHeaders().set("ETag", "W/\"" + entry.etag() + "\"");
        body(ex, entry);
    }

    private void body(HttpExchange ex, Entry entry) throws IOException {
        byte[] content = entry.content().clone();
        if (corrupt) {
            content[content.length / 2] ^= 0x55;
        }
        int start = 0;
        int status = 200;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null && !ignoreRange) {
            Matcher m = Pattern.compile("bytes=(\\d+)-").matcher(range);
            if (!m.matches() || Long.parseLong(m.group(1)) >= content.length) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
                empty(ex, 416);
                return;
            }
            start = Integer.parseInt(m.group(1));
            status = 206;
            ex.getResponseHeaders().set("Content-Range",
                    "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
        }
        int length = content.length - start;
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, length);
        OutputStream out = ex.getResponseBody();
        long cut = cutAfter;
        long stall = stallAfter;
        if (cut >= 0 && cut < length) {
            cutAfter = -1;
            cuts.incrementAndGet();
            out.write(content, start, (int) cut);
            out.flush();
            // Drop the connection mid-body, as a network failure would.
            throw new IOException("cut by the test");
        }
        if (stall >= 0 && stall < length) {
            out.write(content, start, (int) stall);
            out.flush();
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        out.write(content, start, length);
    }

    private void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        empty(ex, 302);
    }

    private static void empty(HttpExchange ex, int status) throws IOException {
        ex.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static String sha256(byte[] content) {
        return hex("SHA-256", new byte[0], content);
    }

    static String gitSha1(byte[] content) {
        return hex("SHA-1", ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII), content);
    }

    private static String hex(String algorithm, byte[] prefix, byte[] content) {
        try {
            MessageDigest digest = MessageDigest.getInstance(algorithm);
            digest.update(prefix);
            return HexFormat.of().formatHex(digest.digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
