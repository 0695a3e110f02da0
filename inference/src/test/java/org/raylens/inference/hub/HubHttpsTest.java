package org.raylens.inference.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.progress.CancellationToken;
import org.raylens.core.progress.Progress;

/**
 * The same download over HTTPS, as the real Hub is reached: a self-signed certificate made with the JDK's keytool
 * for 127.0.0.1 and localhost, trusted only through a test trust store. Without that trust the client must refuse
 * the server with a typed error rather than download.
 */
class HubHttpsTest {
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path tmp;

    @Test
    void downloadsOverHttpsThroughTheCdnRedirect() throws Exception {
        KeyStore keys = selfSignedKeyStore();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);

        byte[] weights = new byte[200_000];
        new Random(3).nextBytes(weights);
        try (FakeHub hub = new FakeHub("acme/secure", serverTls)) {
            hub.add("model.safetensors", weights, true);
            hub.cutAfter = 60_000;
            HubCache cache = new HubCache(tmp.resolve("cache"));
            HubTimeouts quick = new HubTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));
            assertTrue(hub.endpoint().startsWith("https://"));

            HubException untrusted = assertThrows(HubException.class, () -> HubDownloader.builder().setCache(cache)
                    .setEndpoint(HubEndpoint.parse(hub.endpoint())).optTimeouts(quick).build()
                    .download(new RepoId("acme/secure"), "main", List.of("model.safetensors"), Progress.NONE,
                            CancellationToken.NONE));
            assertEquals(HubException.Kind.NETWORK, untrusted.kind(), untrusted.getMessage());

            DownloadResult result = HubDownloader.builder().setCache(cache)
                    .setEndpoint(HubEndpoint.parse(hub.endpoint())).optSslContext(clientTls).optTimeouts(quick)
                    .optToken(Optional.of("hf_x")).optRetries(1).build()
                    .download(new RepoId("acme/secure"), "main", List.of("model.safetensors"), Progress.NONE,
                            CancellationToken.NONE);
            assertArrayEquals(weights, Files.readAllBytes(result.snapshotFolder().resolve("model.safetensors")));
            assertEquals(1, hub.cuts.get());
            assertTrue(hub.requests("/cdn").stream().allMatch(s -> s.authorization() == null));
        }
    }

    /** A PKCS12 store with one self-signed key for localhost and 127.0.0.1, made by the JDK's keytool. */
    private KeyStore selfSignedKeyStore() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "keytool not found beside the JDK: " + keytool);
        Path store = tmp.resolve("hub.p12");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "hub", "-keyalg", "RSA",
                "-keysize", "2048", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "keytool failed: " + output);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        return keys;
    }
}
