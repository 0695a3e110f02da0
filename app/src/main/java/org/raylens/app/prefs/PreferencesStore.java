package org.raylens.app.prefs;

import org.raylens.core.io.AtomicFiles;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes {@link Preferences} as JSON in the user's config folder. Writing goes to a temporary file in the
 * same folder that is then renamed over the old one, so a crash or a full disk never leaves a half-written file: the
 * next start sees either the old preferences or the new ones. A damaged file is not fatal: it is set aside as
 * {@code preferences.json.broken} and the defaults are used, and {@link #lastProblem()} says so.
 */
public final class PreferencesStore {

    public static final String FILE_NAME = "preferences.json";

    private final Path file;
    private final Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
    private String lastProblem = "";

    public PreferencesStore(Path configDir) {
        this.file = configDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** What went wrong at the last load or save, for the status line; empty when all went well. */
    public String lastProblem() {
        return lastProblem;
    }

    /** The stored preferences, or defaults when there are none or they cannot be read. Never throws. */
    public Preferences load() {
        lastProblem = "";
        Preferences prefs;
        try {
            prefs = gson.fromJson(Files.readString(file, StandardCharsets.UTF_8), Preferences.class);
        } catch (NoSuchFileException e) {
            prefs = null;
        } catch (IOException | JsonParseException | IllegalStateException e) {
            lastProblem = "Preferences in " + file + " could not be read (" + e.getMessage()
                    + "); starting with defaults";
            setAside();
            prefs = null;
        }
        if (prefs == null) {
            prefs = new Preferences();
        }
        prefs.sanitize();
        return prefs;
    }

    /** Writes {@code prefs} atomically. */
    public void save(Preferences prefs) throws IOException {
        Files.createDirectories(file.getParent());
        // Not forced to disk: saving runs on the FX thread, also as the window closes, and an fsync on a busy disk held
        // the exit past its 2 s; a damaged file is set aside at the next start (see load).
        AtomicFiles.writeStringUnforced(file, gson.toJson(prefs));
    }

    /** Saves, turning a failure into {@link #lastProblem()} rather than an exception (for window close). */
    public boolean trySave(Preferences prefs) {
        try {
            save(prefs);
            lastProblem = "";
            return true;
        } catch (IOException | RuntimeException e) {
            lastProblem = "Could not save preferences to " + file + ": " + e.getMessage();
            return false;
        }
    }

    private void setAside() {
        try {
            Files.move(file, file.resolveSibling(FILE_NAME + ".broken"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ignored) {
            // Leaving the damaged file in place is harmless: the next save replaces it.
        }
    }
}
