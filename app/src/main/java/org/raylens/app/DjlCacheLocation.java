package org.raylens.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Puts DJL's cache (the extracted libtorch, about 430 MB, and any model-zoo downloads) under RayLens's per-user data
 * folder instead of DJL's default {@code ~/.djl.ai}, so that uninstalling or resetting RayLens finds everything in
 * one place. DJL 0.35.1 ({@code ai.djl.util.Utils.getCacheDir}) reads the environment variable {@code DJL_CACHE_DIR}
 * first and then the system property of the same name; a value the user set in either place is left alone.
 * It has to run before the first DJL class asks for its cache, so both launchers call it first thing.
 */
public final class DjlCacheLocation {

    /** The name DJL uses for both the environment variable and the system property. */
    public static final String KEY = "DJL_CACHE_DIR";

    private DjlCacheLocation() {
    }

    /** The cache folder RayLens chooses inside its data folder. */
    public static Path defaultFor(Path dataDir) {
        return dataDir.resolve("djl");
    }

    /**
     * Sets the {@code DJL_CACHE_DIR} property to {@link #defaultFor(Path)} unless the environment or the properties
     * already name a cache.
     *
     * @return the cache folder DJL will use
     */
    public static Path apply(Path dataDir, Map<String, String> env, Properties properties) {
        String fromEnv = env.get(KEY);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        String fromProperty = properties.getProperty(KEY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Path.of(fromProperty);
        }
        Path chosen = defaultFor(dataDir);
        properties.setProperty(KEY, chosen.toString());
        return chosen;
    }
}
