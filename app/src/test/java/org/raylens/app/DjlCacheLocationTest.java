package org.raylens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DjlCacheLocationTest {
    private static final Path DATA = Path.of("/home/u/.local/share/raylens");

    @Test
    void defaultsToTheDataFolder() {
        Properties props = new Properties();
        assertEquals(DATA.resolve("djl"), DjlCacheLocation.apply(DATA, Map.of(), props));
        assertEquals(DATA.resolve("djl").toString(), props.getProperty("DJL_CACHE_DIR"),
                "DJL reads the system property when the environment variable is unset");
    }

    @Test
    void leavesTheUsersEnvironmentVariableAlone() {
        Properties props = new Properties();
        assertEquals(Path.of("/big/disk/djl"), DjlCacheLocation.apply(DATA, Map.of("DJL_CACHE_DIR", "/big/disk/djl"), props));
        assertNull(props.getProperty("DJL_CACHE_DIR"));
    }

    @Test
    void leavesAPropertyFromTheCommandLineAlone() {
        Properties props = new Properties();
        props.setProperty("DJL_CACHE_DIR", "/opt/djl");
        assertEquals(Path.of("/opt/djl"), DjlCacheLocation.apply(DATA, Map.of("DJL_CACHE_DIR", " "), props));
        assertEquals("/opt/djl", props.getProperty("DJL_CACHE_DIR"));
    }
}
