package org.raylens.app.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.raylens.app.prefs.Preferences;

/** Save dialogs start where the user last saved, else at home — never in the process's working directory. */
class SaveFolderTest {

    @TempDir
    Path tmp;

    @Test
    void aFirstSaveStartsAtHomeNotInTheWorkingDirectory() {
        Path home = Path.of(System.getProperty("user.home"));
        assertEquals(home, SaveFolder.initial(new Preferences()));
    }

    @Test
    void theNextSaveStartsInTheFolderOfTheLastAndTheChoiceIsSavedOnce() throws IOException {
        Preferences prefs = new Preferences();
        AtomicInteger saves = new AtomicInteger();
        Workbench bench = new Workbench(null, null, null, null, null, null, null, null, null, prefs,
                saves::incrementAndGet);
        Path figures = Files.createDirectories(tmp.resolve("figures"));
        SaveFolder.remember(figures.resolve("IM1-figure.png"), bench);
        assertEquals(figures, SaveFolder.initial(prefs));
        SaveFolder.remember(figures.resolve("IM1-panels.png"), bench);
        assertEquals(1, saves.get(), "the same folder again is not written again");
    }

    @Test
    void aRememberedFolderThatIsGoneFallsBackToHome() {
        Preferences prefs = new Preferences();
        prefs.lastExportFolder = tmp.resolve("deleted").toString();
        assertEquals(Path.of(System.getProperty("user.home")), SaveFolder.initial(prefs));
    }
}
