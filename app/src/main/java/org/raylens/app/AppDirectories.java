package org.raylens.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where RayLens keeps per-user data that it can regenerate (the sample study, later caches), following each OS's
 * convention so that it lands where users and backup tools expect it.
 */
public final class AppDirectories {

    private AppDirectories() {
    }

    /** The per-user data folder (not created here). */
    public static Path dataDir() {
        return dataDir(System.getProperty("os.name", ""), System.getProperty("user.home", "."), System.getenv());
    }

    /** Where the synthetic sample study is generated inside a data folder (the window and `raylens sample` agree). */
    public static Path sampleStudyDir(Path dataDir) {
        return dataDir.resolve("sample-study");
    }

    /** Where instances fetched from DICOMweb servers are cached inside a data folder (bounded, LRU; regenerable). */
    public static Path dicomWebCacheDir(Path dataDir) {
        return dataDir.resolve("dicomweb-cache");
    }

    /** The per-user configuration folder (preferences), not created here. */
    public static Path configDir() {
        return configDir(System.getProperty("os.name", ""), System.getProperty("user.home", "."), System.getenv());
    }

    static Path configDir(String osName, String home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String roaming = env.get("APPDATA");
            return (roaming != null && !roaming.isBlank() ? Path.of(roaming) : Path.of(home, "AppData", "Roaming"))
                    .resolve("RayLens");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Preferences", "RayLens");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".config");
        return base.resolve("raylens");
    }

    static Path dataDir(String osName, String home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = env.get("LOCALAPPDATA");
            return (local != null && !local.isBlank() ? Path.of(local) : Path.of(home, "AppData", "Local"))
                    .resolve("RayLens");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "RayLens");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(home, ".local", "share");
        return base.resolve("raylens");
    }
}
