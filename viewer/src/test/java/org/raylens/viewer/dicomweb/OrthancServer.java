package org.raylens.viewer.dicomweb;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real Orthanc (Debian's {@code orthanc} with the {@code orthanc-dicomweb} plugin) for one test class: its own
 * configuration, storage and index in a temporary folder, HTTP on a free loopback port, the DICOM port off, remote
 * access refused. Started as a child process, ready when {@code /system} answers; {@link #close()} stops it and
 * deletes its folder. {@link #assumeInstalled()} skips the test with a message where Orthanc is absent.
 */
public final class OrthancServer implements AutoCloseable {

    static final Path ORTHANC = Path.of("/usr/sbin/Orthanc");
    static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    static final String USER = "raylens";
    static final String PASSWORD = "s3cret";

    private final Path folder;
    private final int port;
    private final Process process;
    private final boolean authenticated;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(ORTHANC) && Files.isRegularFile(DICOMWEB_PLUGIN),
                "Orthanc and its DICOMweb plugin are not installed (apt-get install orthanc orthanc-dicomweb)");
    }

    public static OrthancServer start(boolean authenticated) throws IOException, InterruptedException {
        assumeInstalled();
        return new OrthancServer(Files.createTempDirectory("raylens-orthanc"), authenticated);
    }

    private OrthancServer(Path folder, boolean authenticated) throws IOException, InterruptedException {
        this.folder = folder;
        this.authenticated = authenticated;
        this.port = freePort();
        Path storage = Files.createDirectories(folder.resolve("db"));
        String config = "{\n"
                + "  \"Name\": \"raylens-test\",\n"
                + "  \"StorageDirectory\": \"" + storage + "\",\n"
                + "  \"IndexDirectory\": \"" + storage + "\",\n"
                + "  \"HttpPort\": " + port + ",\n"
                + "  \"DicomServerEnabled\": false,\n"
                + "  \"DicomPort\": 0,\n"
                + "  \"RemoteAccessAllowed\": false,\n"
                + "  \"AuthenticationEnabled\": " + authenticated + ",\n"
                + "  \"RegisteredUsers\": { \"" + USER + "\": \"" + PASSWORD + "\" },\n"
                + "  \"Plugins\": [ \"" + DICOMWEB_PLUGIN + "\" ],\n"
                + "  \"DicomWeb\": { \"Enable\": true, \"Root\": \"/dicom-web/\" }\n"
                + "}\n";
        Path configFile = folder.resolve("orthanc.json");
        Files.writeString(configFile, config);
        this.process = new ProcessBuilder(ORTHANC.toString(), configFile.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("orthanc.log").toFile()).start();
        waitUntilReady();
    }

    private void waitUntilReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Orthanc exited with " + process.exitValue() + ": "
                        + Files.readString(folder.resolve("orthanc.log")));
            }
            try {
                if (rest("GET", "/system", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IOException("Orthanc did not answer /system within 30 s");
    }

    /** The DICOMweb root, e.g. {@code http://127.0.0.1:40123/dicom-web}. */
    public URI dicomWeb() {
        return URI.create("http://127.0.0.1:" + port + "/dicom-web");
    }

    public int port() {
        return port;
    }

    /** Uploads a file through Orthanc's own REST API (not DICOMweb), as a PACS would receive it. */
    public void upload(Path file) throws IOException, InterruptedException {
        HttpResponse<String> r;
        try {
            r = rest("POST", "/instances", HttpRequest.BodyPublishers.ofFile(file));
        } catch (IOException staleConnection) {
            // Orthanc closes idle keep-alive connections after 1 s; the JDK retries only GETs on a connection
            // that died while pooled. Storing an instance twice is harmless, so one more try is safe.
            r = rest("POST", "/instances", HttpRequest.BodyPublishers.ofFile(file));
        }
        if (r.statusCode() != 200) {
            throw new IOException(file + ": Orthanc refused it: " + r.statusCode() + " " + r.body());
        }
    }

    HttpResponse<String> rest(String method, String path, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        if (authenticated) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Kills Orthanc at once (SIGKILL), as a crash or a pulled cable would end a transfer. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
