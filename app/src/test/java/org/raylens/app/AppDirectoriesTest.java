package org.raylens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirectoriesTest {

    @Test
    void followsEachOsConvention() {
        assertEquals(Path.of("/home/u/.local/share/raylens"), AppDirectories.dataDir("Linux", "/home/u", Map.of()));
        assertEquals(Path.of("/x/raylens"), AppDirectories.dataDir("Linux", "/home/u", Map.of("XDG_DATA_HOME", "/x")));
        assertEquals(Path.of("/home/u/.local/share/raylens"),
                AppDirectories.dataDir("Linux", "/home/u", Map.of("XDG_DATA_HOME", "relative")),
                "the XDG spec says to ignore a relative path");
        assertEquals(Path.of("/Users/u/Library/Application Support/RayLens"),
                AppDirectories.dataDir("Mac OS X", "/Users/u", Map.of()));
        assertEquals(Path.of("C:/L/RayLens"), AppDirectories.dataDir("Windows 11", "C:/u", Map.of("LOCALAPPDATA", "C:/L")));
    }
}
