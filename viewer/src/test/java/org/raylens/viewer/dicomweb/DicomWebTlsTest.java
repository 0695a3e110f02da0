package org.raylens.viewer.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.core.progress.CancellationToken;

/**
 * HTTPS with a server certificate from a private CA (a self-signed one made by keytool): refused with a typed error
 * naming --ca-file by default, accepted when that certificate is given as the extra CA file.
 */
class DicomWebTlsTest {

    @Test
    void aPrivateCaIsTrustedOnlyWhenGiven(@TempDir Path tmp) throws Exception {
        Path keystore = tmp.resolve("server.p12");
        Path cert = tmp.resolve("ca.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", keystore.toString(), "-storepass",
                "changeit", "-file", cert.toString());

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", x -> ScriptedHttpServer.respond(x, 200, DicomWebClient.DICOM_JSON,
                "[]".getBytes(StandardCharsets.UTF_8)));
        server.start();
        try {
            URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web");
            try (DicomWebClient untrusting = new DicomWebClient(DicomWebConfig.of(url))) {
                DicomWebException.TlsFailure e = assertThrows(DicomWebException.TlsFailure.class,
                        () -> untrusting.searchStudies(StudyQuery.all(), CancellationToken.NONE));
                assertTrue(e.getMessage().contains("--ca-file"), e.getMessage());
            }
            try (DicomWebClient trusting = new DicomWebClient(DicomWebConfig.of(url).withExtraCaFile(cert))) {
                assertEquals(List.of(), trusting.searchStudies(StudyQuery.all(), CancellationToken.NONE));
            }
        } finally {
            server.stop(0);
        }
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), output);
    }
}
