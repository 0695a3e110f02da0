package org.raylens.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * What both launchers do before anything else: keep DJL offline ({@link DjlOfflineMode}) and choose its cache
 * folder ({@link DjlCacheLocation}), both of which must be set before DJL first looks, and open the log file. A
 * failure here never stops RayLens; it is reported on the console instead.
 */
public final class AppStartup {

    private AppStartup() {
    }

    public static void prepare() {
        Path dataDir = AppDirectories.dataDir();
        boolean offline = DjlOfflineMode.apply(System.getenv(), System.getProperties());
        // DJL extracts libtorch under ENGINE_CACHE_DIR, which defaults to DJL_CACHE_DIR: one setting places both.
        Path djlCache = DjlCacheLocation.apply(dataDir, System.getenv(), System.getProperties());
        try {
            AppLogging.install(AppLogging.logDir(dataDir));
        } catch (IOException | SecurityException e) {
            System.err.println("RayLens: no log file (" + e.getMessage() + "); continuing without one");
        }
        Logger.getLogger(AppStartup.class.getName()).info(() -> "RayLens " + RayLensVersion.current().version()
                + " starting; java " + System.getProperty("java.version") + " from " + System.getProperty("java.home")
                + "; data " + dataDir + "; DJL cache " + djlCache
                + (offline ? "" : "; DJL offline mode turned off by the user"));
    }
}
