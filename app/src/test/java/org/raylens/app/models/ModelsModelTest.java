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
    void theBf16FastModeIsChosenPerModelRememberedAndOffByDefault() {
        ModelsModel m = model(f -> new Preferences.ModelEntry(f.toString(), f.getFileName().toString(), "abc", 1));
        m.importFolder(Path.of("/models/a"));
        assertFalse(m.fastModeProperty().get(), "fp32 unless chosen");
        assertEquals(org.raylens.inference.encoder.Precision.FP32, m.target().precision());
        m.fastModeProperty().set(true);
        assertEquals(org.raylens.inference.encoder.Precision.BF16, m.target().precision());
        assertTrue(m.deviceProperty().get().contains("bf16"), m.deviceProperty().get());
        m.importFolder(Path.of("/models/b"));
        assertFalse(m.fastModeProperty().get(), "another model keeps its own setting");
        m.activeProperty().set(new EncoderChoice.Imported(Path.of("/models/a"), "a"));
        assertTrue(m.fastModeProperty().get());
        ModelsModel restarted = model(f -> null);
        assertTrue(restarted.fastModeProperty().get(), "remembered across starts");
        restarted.activeProperty().set(new EncoderChoice.Demo());
        assertFalse(restarted.fastModeProperty().get());
        assertTrue(restarted.target().precision() == org.raylens.inference.encoder.Precision.FP32);
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

    @Test
    void loadableModelsInTheHuggingFaceCacheAreOfferedForImport(@org.junit.jupiter.api.io.TempDir Path cache)
            throws IOException {
        String commit = "71950b6d2d0aa8d26b4b7b2e8d5d7b9d4f3c8e01";
        Path repo = cache.resolve("models--microsoft--rad-dino");
        Path snapshot = java.nio.file.Files.createDirectories(repo.resolve("snapshots").resolve(commit));
        java.nio.file.Files.createDirectories(repo.resolve("blobs"));
        for (String file : new String[] {"config.json", "model.safetensors"}) {
            java.nio.file.Files.writeString(repo.resolve("blobs").resolve(file.length() + "0".repeat(39)), file);
            java.nio.file.Files.createSymbolicLink(snapshot.resolve(file),
                    Path.of("../../blobs/" + file.length() + "0".repeat(39)));
        }
        java.nio.file.Files.writeString(java.nio.file.Files.createDirectories(repo.resolve("refs")).resolve("main"),
                commit);
        java.nio.file.Files.createDirectories(cache.resolve("models--acme--empty/snapshots").resolve(commit));

        ModelsModel m = model(f -> new Preferences.ModelEntry(f.toString(), "rad-dino", "abc", 1234));
        m.scanHubCache(new org.raylens.inference.hub.HubCache(cache)::list);

        assertEquals(1, m.hubModels().size(), "only loadable snapshots are offered");
        HubCacheEntry entry = m.hubModels().get(0);
        assertEquals(snapshot, entry.folder());
        assertTrue(entry.label().startsWith("microsoft/rad-dino @ main \u00b7 71950b6d2d0a"), entry.label());
        m.importFolder(entry.folder());
        assertEquals(snapshot.toString(), prefs.activeModel);
    }
}
