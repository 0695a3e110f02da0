package org.raylens.app.pacs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.raylens.app.prefs.Preferences.PacsServer;
import org.raylens.viewer.dicomweb.DicomWebConfig;

/** A configured server and its stored secret become the client's settings; what is missing is said. */
class PacsConnectionsTest {

    @Test
    void basicAndBearerCredentialsBecomeTheAuthorizationHeader() {
        DicomWebConfig basic = PacsConnections.config(new PacsServer("O", "http://localhost:8042/dicom-web/",
                "basic", "raylens", null), Optional.of("s3cret"));
        assertEquals("http://localhost:8042/dicom-web", basic.baseUrl().toString());
        assertEquals(Optional.of("Basic cmF5bGVuczpzM2NyZXQ="), basic.auth().authorizationHeader());
        DicomWebConfig bearer = PacsConnections.config(new PacsServer("C", "https://pacs.example.org/dicomweb",
                "bearer", null, "/tmp/ca.pem"), Optional.of("tok"));
        assertEquals(Optional.of("Bearer tok"), bearer.auth().authorizationHeader());
        assertEquals("/tmp/ca.pem", bearer.extraCaFile().orElseThrow().toString());
    }

    @Test
    void aMissingPasswordOrABadUrlIsSaidWithTheServersName() {
        IllegalArgumentException noPassword = assertThrows(IllegalArgumentException.class, () ->
                PacsConnections.config(new PacsServer("Main PACS", "http://pacs/dicom-web", "basic", "u", null),
                        Optional.empty()));
        assertTrue(noPassword.getMessage().contains("Main PACS") && noPassword.getMessage().contains("password"),
                noPassword.getMessage());
        IllegalArgumentException ftp = assertThrows(IllegalArgumentException.class, () ->
                PacsConnections.config(new PacsServer("Old", "ftp://pacs/dicom-web", "none", null, null),
                        Optional.empty()));
        assertTrue(ftp.getMessage().contains("Old") && ftp.getMessage().contains("http"), ftp.getMessage());
    }
}
