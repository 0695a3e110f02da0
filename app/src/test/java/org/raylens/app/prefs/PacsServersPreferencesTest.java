package org.raylens.app.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PACS server list survives a restart; the passwords and tokens stay out of the preferences file. */
class PacsServersPreferencesTest {

    @TempDir
    Path dir;

    @Test
    void serversRoundTripAndSecretsLiveInAnOwnerOnlyFileBesideThem() throws Exception {
        Path config = dir.resolve("cfg");
        PreferencesStore store = new PreferencesStore(config);
        Preferences p = store.load();
        p.pacsServers.add(new Preferences.PacsServer("Orthanc", "http://localhost:8042/dicom-web", "basic",
                "alice", "/etc/ssl/my-ca.pem"));
        p.pacsServers.add(new Preferences.PacsServer("Cloud", "https://pacs.example.org/dicomweb", "bearer", null,
                null));
        store.save(p);
        PacsSecrets secrets = new PacsSecrets(config);
        secrets.put("Orthanc", "s3cret-password");
        secrets.put("Cloud", "tok-123");

        Preferences back = new PreferencesStore(config).load();
        assertEquals(List.of("Orthanc", "Cloud"), back.pacsServers.stream().map(s -> s.name).toList());
        Preferences.PacsServer o = back.pacsServers.get(0);
        assertEquals("http://localhost:8042/dicom-web", o.baseUrl);
        assertEquals("basic", o.auth);
        assertEquals("alice", o.user);
        assertEquals("/etc/ssl/my-ca.pem", o.caFile);
        assertEquals("bearer", back.pacsServers.get(1).auth);

        String prefsText = Files.readString(store.file());
        assertFalse(prefsText.contains("s3cret-password") || prefsText.contains("tok-123"),
                "no secret in preferences.json");
        PacsSecrets again = new PacsSecrets(config);
        assertEquals(Optional.of("s3cret-password"), again.secret("Orthanc"));
        assertEquals(Optional.of("tok-123"), again.secret("Cloud"));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    again.file().getParent())), "only the owner may enter the secrets' folder");
        }
        again.put("Cloud", null);
        assertEquals(Optional.empty(), new PacsSecrets(config).secret("Cloud"), "a removed server's token goes");
    }

    @Test
    void aDamagedServerEntryIsDroppedAndAnUnknownAuthIsNone() throws Exception {
        Path config = Files.createDirectories(dir.resolve("cfg2"));
        Files.writeString(config.resolve(PreferencesStore.FILE_NAME), "{\"pacsServers\": [null, {\"name\": \"\"},"
                + " {\"name\": \"A\", \"baseUrl\": \"http://a/dicom-web\", \"auth\": \"kerberos\"}]}");
        Preferences p = new PreferencesStore(config).load();
        assertEquals(1, p.pacsServers.size());
        assertEquals("none", p.pacsServers.get(0).auth);
        assertTrue(p.recentStudies.isEmpty());
    }
}
