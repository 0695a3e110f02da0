package org.raylens.app.ui;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.stage.FileChooser;
import org.raylens.app.prefs.Preferences;

/**
 * Where a save dialog starts: the folder the user last saved an export into (remembered across restarts), else their
 * home folder. Without it the dialog opened in the process's working directory — the source tree's {@code app/}
 * folder when run from a build — which is never where a user keeps figures.
 */
final class SaveFolder {
    private SaveFolder() {
    }

    /** The folder a save dialog should open in. */
    static Path initial(Preferences preferences) {
        if (preferences.lastExportFolder != null) {
            Path last = Path.of(preferences.lastExportFolder);
            if (Files.isDirectory(last)) {
                return last;
            }
        }
        return Path.of(System.getProperty("user.home"));
    }

    /** Opens {@code chooser} in {@link #initial}. */
    static void startIn(FileChooser chooser, Preferences preferences) {
        File dir = initial(preferences).toFile();
        if (dir.isDirectory()) {
            chooser.setInitialDirectory(dir);
        }
    }

    /** Remembers the folder of a file the user chose to save, so the next dialog starts there. */
    static void remember(Path chosen, Workbench workbench) {
        Path parent = chosen.toAbsolutePath().getParent();
        if (parent != null && !parent.toString().equals(workbench.preferences().lastExportFolder)) {
            workbench.preferences().lastExportFolder = parent.toString();
            workbench.savePreferences().run();
        }
    }
}
