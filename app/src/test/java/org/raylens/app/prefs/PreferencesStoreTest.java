package org.raylens.app.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreferencesStoreTest {

    @TempDir
    Path dir;

    @Test
    void whatIsSavedIsLoadedBack() throws Exception {
        PreferencesStore store = new PreferencesStore(dir.resolve("cfg"));
        Preferences p = store.load();
        p.defaultColormap = "magma";
        p.window.width = 1000;
        p.rememberRecent(List.of("/data/a"));
        p.models.add(new Preferences.ModelEntry("/models/rad-dino", "rad-dino", "ab12", 42));
        p.activeModel = "/models/rad-dino";
        p.inputRecipe = "as-displayed";
        store.save(p);
        Preferences back = new PreferencesStore(dir.resolve("cfg")).load();
        assertEquals("magma", back.defaultColormap);
        assertEquals(1000, back.window.width);
        assertEquals(List.of(List.of("/data/a")), back.recentStudies);
        assertEquals("ab12", back.models.get(0).weightsSha256);
        assertEquals("/models/rad-dino", back.activeModel);
        assertEquals("as-displayed", back.inputRecipe, "the window's model-input choice survives a restart");
        try (var files = Files.list(dir.resolve("cfg"))) {
            assertEquals(List.of(PreferencesStore.FILE_NAME), files.map(f -> f.getFileName().toString()).toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void aDamagedFileGivesDefaultsAndIsSetAside() throws Exception {
        Files.writeString(dir.resolve(PreferencesStore.FILE_NAME), "{ \"window\": [broken");
        PreferencesStore store = new PreferencesStore(dir);
        Preferences p = store.load();
        assertEquals("viridis", p.defaultColormap);
        assertFalse(store.lastProblem().isEmpty());
        assertTrue(Files.exists(dir.resolve(PreferencesStore.FILE_NAME + ".broken")));
    }

    @Test
    void anEmptyFileLeftByAPowerCutGivesDefaults() throws Exception {
        // saves are atomic but not forced to disk (they run as the window closes): the reader must survive this
        Files.writeString(dir.resolve(PreferencesStore.FILE_NAME), "");
        Preferences p = new PreferencesStore(dir).load();
        assertEquals("viridis", p.defaultColormap);
        assertEquals("minmax", p.inputRecipe);
    }

    @Test
    void nonsenseValuesAreRepaired() throws Exception {
        Files.writeString(dir.resolve(PreferencesStore.FILE_NAME),
                "{\"window\": {\"width\": -5, \"leftDivider\": 7}, \"defaultOpacity\": 3, \"recentStudies\": null,"
                        + " \"models\": [null, {\"name\": \"no folder\"}], \"inputRecipe\": \"sharpened\"}");
        Preferences p = new PreferencesStore(dir).load();
        assertEquals(1280, p.window.width);
        assertEquals(0.2, p.window.leftDivider);
        assertEquals(0.5, p.defaultOpacity);
        assertEquals("minmax", p.inputRecipe, "an unknown recipe falls back to the documented default");
        assertTrue(p.recentStudies.isEmpty());
        assertTrue(p.models.isEmpty());
    }

    @Test
    void recentStudiesKeepTheNewestTenWithoutDuplicates() {
        Preferences p = new Preferences();
        for (int i = 0; i < 12; i++) {
            p.rememberRecent(List.of("/s" + i));
        }
        p.rememberRecent(List.of("/s5"));
        assertEquals(Preferences.MAX_RECENT, p.recentStudies.size());
        assertEquals(List.of("/s5"), p.recentStudies.get(0));
        assertEquals(1, p.recentStudies.stream().filter(r -> r.equals(List.of("/s5"))).count());
    }
}
