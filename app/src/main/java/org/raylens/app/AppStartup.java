package org.raylens.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * What both launchers do before anything else: choose DJL's cache folder (it must be set before DJL first looks)
 * and open the log file. A failure here never stops RayLens; it is reported on the console instead.
 */
public final class AppStartup {

    private AppStartup() {
    }

    public static void prepare() {
        Path dataDir = AppDirectories.dataDir();
        Path djlCache = DjlCacheLocation.apply(dataDir, System.getenv(), System.getProperties());
        try {
            AppLogging.install(AppLogging.logDir(dataDir));
        } catch (IOException | SecurityException e) {
            System.err.println("RayLens: no log file (" + e.getMessage() + "); continuing without one");
        }
        Logger.getLogger(AppStartup.class.getName()).info(() -> "RayLens " + RayLensVersion.current().version()
                + " starting; java " + System.getProperty("java.version") + " from " + System.getProperty("java.home")
                + "; data " + dataDir + "; DJL cache " + djlCache);
    }
}
