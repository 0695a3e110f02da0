package org.raylens.inference.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class HubEndpointTest {

    @Test
    void httpsAnywhereAndPlainHttpOnlyOnLoopback() {
        assertEquals(URI.create("https://huggingface.co"), HubEndpoint.parse("https://huggingface.co/").base());
        HubEndpoint.parse("https://hf-mirror.example.org");
        HubEndpoint.parse("http://127.0.0.1:8080");
        HubEndpoint.parse("http://localhost:8080");
        HubEndpoint.parse("http://[::1]:8080");
        for (String insecure : new String[] {"http://huggingface.co", "http://10.0.0.1", "ftp://127.0.0.1",
            "http://127.0.0.1.example.org"}) {
            HubException e = assertThrows(HubException.class, () -> HubEndpoint.parse(insecure), insecure);
            assertEquals(HubException.Kind.INSECURE_URL, e.kind());
        }
    }

    @Test
    void resolveUrlEncodesRevisionWholeAndFileBySegment() {
        HubEndpoint hub = HubEndpoint.parse("https://huggingface.co");
        assertEquals("https://huggingface.co/microsoft/rad-dino/resolve/main/model.safetensors",
                hub.resolveUrl(new RepoId("microsoft/rad-dino"), "main", "model.safetensors").toString());
        assertEquals("https://huggingface.co/a/b/resolve/refs%2Fpr%2F1/sub%20dir/x%2By.pt",
                hub.resolveUrl(new RepoId("a/b"), "refs/pr/1", "sub dir/x+y.pt").toString());
    }

    @Test
    void namesThatCouldLeaveTheCacheAreRefused() {
        for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "C:\\x", "a\\..\\x", "", "a//b", "./a"}) {
            assertThrows(IllegalArgumentException.class, () -> HubPaths.checkFileName(bad), bad);
        }
        HubPaths.checkFileName("sub/dir/model.safetensors");
        for (String bad : new String[] {"a/b/c", "..", "a--b/c", "a/", "a b/c"}) {
            assertThrows(IllegalArgumentException.class, () -> new RepoId(bad), bad);
        }
        assertEquals("models--microsoft--rad-dino", new RepoId("microsoft/rad-dino").cacheFolderName());
        assertEquals(new RepoId("MapleF/eva_x"), RepoId.fromCacheFolderName("models--MapleF--eva_x"));
    }
}
