package org.raylens.app;

import javafx.application.Application;
import org.raylens.app.cli.RayLensCli;

/**
 * The jar's main class. The same jar is the desktop viewer and the command-line tool: a first argument that names a
 * CLI command goes to {@link RayLensCli}, anything else (nothing, or files and folders to open) starts the window.
 * It is a separate class from {@link RayLensApp} because launching a class that extends {@code Application}
 * directly from the class path fails ("JavaFX runtime components are missing").
 */
public final class RayLensLauncher {

    private RayLensLauncher() {
    }

    public static void main(String[] args) {
        if (isCliInvocation(args)) {
            RayLensCli.main(args);
        } else {
            AppStartup.prepare();
            // Before JavaFX loads its first native library: see JavaFxNativeCache for the first-run race it closes.
            JavaFxNativeCache.prepare(AppDirectories.dataDir());
            Application.launch(RayLensApp.class, args);
            // The window is closed and stop() has run: end the process even if a library left a thread or a native
            // load (libtorch, found while probing for a GPU at start) still running, as a desktop app must. Should
            // the exit itself stall, the watchdog that closing the window armed halts the JVM.
            System.exit(0);
        }
    }

    static boolean isCliInvocation(String[] args) {
        // asked of the command line itself, so a new command (or `help`) can never start the window by mistake
        return args.length > 0 && RayLensCli.handles(args[0]);
    }
}
