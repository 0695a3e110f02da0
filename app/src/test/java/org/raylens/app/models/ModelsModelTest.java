package org.raylens.app.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.raylens.app.analysis.EncoderChoice;
import org.raylens.app.prefs.Preferences;
import org.raylens.app.task.SameThreadRunner;
import org.raylens.inference.encoder.ComputeTarget;

class ModelsModelTest {

    private final Preferences prefs = new Preferences();
    private final AtomicInteger saves = new AtomicInteger();

    private ModelsModel model(ModelValidator validator) {
        return new ModelsModel(prefs, saves::incrementAndGet, new SameThreadRunner(), validator);
    }

    @Test
    void anImportedFolderIsListedRememberedAndActive() {
        ModelsModel m = model(f -> new Preferences.ModelEntry(f.toString(), "rad-dino", "abc", 1234));
        m.importFolder(Path.of("/models/rad-dino"));
        assertEquals(1, m.models().size());
        assertEquals("rad-dino", prefs.models.get(0).name);
        assertEquals("/models/rad-dino", prefs.activeModel);
        assertInstanceOf(EncoderChoice.Imported.class, m.activeProperty().get());
        assertTrue(saves.get() > 0);
        ModelsModel restarted = model(f -> {
            throw new AssertionError("not validated again at start");
        });
        assertEquals(1, restarted.models().size());
        assertInstanceOf(EncoderChoice.Imported.class, restarted.activeProperty().get(), "remembered across starts");
        restarted.remove(restarted.models().get(0));
        assertInstanceOf(EncoderChoice.Demo.class, restarted.activeProperty().get());
        assertTrue(prefs.models.isEmpty());
    }

    @Test
    void aFolderThatDoesNotLoadIsRefusedWithItsReason() {
        ModelsModel m = model(f -> {
            throw new IOException("config.json: hidden_size missing");
        });
        m.importFolder(Path.of("/nope"));
        assertTrue(m.models().isEmpty());
        assertInstanceOf(EncoderChoice.Demo.class, m.activeProperty().get());
        assertTrue(m.messageProperty().get().contains("hidden_size missing"));
    }

    @Test
    void theGpuSwitchStaysOffWithoutAGpu() {
        ModelsModel m = model(f -> null);
        m.detectGpu(ComputeTarget::cpu);
        assertFalse(m.gpuAvailableProperty().get());
        m.useGpuProperty().set(true);
        assertTrue(m.target().isCpu());
    }
}
