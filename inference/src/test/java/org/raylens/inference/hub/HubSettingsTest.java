package org.raylens.inference.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment is read in huggingface_hub's order of precedence. */
class HubSettingsTest {
    @TempDir
    Path home;

    @Test
    void cacheFolderPrecedence() {
        assertEquals(home.resolve(".cache/huggingface/hub"), new HubSettings(Map.of(), home).cacheFolder());
        assertEquals(Path.of("/x/huggingface/hub"),
                new HubSettings(Map.of("XDG_CACHE_HOME", "/x"), home).cacheFolder());
        assertEquals(Path.of("/h/hub"),
                new HubSettings(Map.of("HF_HOME", "/h", "XDG_CACHE_HOME", "/x"), home).cacheFolder());
        assertEquals(home.resolve("legacy"),
                new HubSettings(Map.of("HF_HOME", "/h", "HUGGINGFACE_HUB_CACHE", "~/legacy"), home).cacheFolder());
        assertEquals(Path.of("/c"), new HubSettings(Map.of("HF_HOME", "/h", "HUGGINGFACE_HUB_CACHE", "/l",
                "HF_HUB_CACHE", "/c"), home).cacheFolder());
    }

    @Test
    void tokenPrecedenceAndEndpoint() throws IOException {
        Path hfHome = Files.createDirectories(home.resolve("hf"));
        HubSettings none = new HubSettings(Map.of("HF_HOME", hfHome.toString()), home);
        assertEquals(Optional.empty(), none.token(null));
        Files.writeString(hfHome.resolve("token"), "hf_saved\n");
        assertEquals(Optional.of("hf_saved"), none.token(null));
        HubSettings env = new HubSettings(Map.of("HF_HOME", hfHome.toString(), "HF_TOKEN", "hf_env"), home);
        assertEquals(Optional.of("hf_env"), env.token(null));
        assertEquals(Optional.of("hf_flag"), env.token("hf_flag"));

        assertEquals("https://huggingface.co", none.endpoint().base().toString());
        assertEquals("https://mirror.example.org",
                new HubSettings(Map.of("HF_ENDPOINT", "https://mirror.example.org/"), home).endpoint().base()
                        .toString());
    }
}
