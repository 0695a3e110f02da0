package org.raylens.app.models;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.raylens.app.analysis.EncoderChoice;
import org.raylens.app.prefs.Preferences;
import org.raylens.app.prefs.Preferences.ModelEntry;
import org.raylens.app.task.BackgroundRunner;
import org.raylens.inference.encoder.ComputeTarget;
import org.raylens.inference.encoder.Precision;
import org.raylens.inference.hub.CachedModel;
import org.raylens.inference.kernel.CpuFeatures;

/**
 * The models panel's state: the imported model folders (validated at import, remembered in preferences), the models
 * found in the Hugging Face cache (offered for import), the active encoder (the demo until one is chosen), and where
 * it runs: CPU, or GPU where the PyTorch engine finds one; on the CPU, each imported model may use the bf16 fast mode
 * (remembered per model, off unless chosen, said to be slower where the CPU has no native bf16).
 */
public final class ModelsModel {

    private final Preferences prefs;
    private final Runnable savePrefs;
    private final BackgroundRunner runner;
    private final ModelValidator validator;
    private final ObservableList<ModelEntry> models = FXCollections.observableArrayList();
    private final ObservableList<HubCacheEntry> hubModels = FXCollections.observableArrayList();
    private final ObjectProperty<EncoderChoice> active = new SimpleObjectProperty<>(this, "active",
            new EncoderChoice.Demo());
    private final BooleanProperty useGpu = new SimpleBooleanProperty(this, "useGpu");
    private final ReadOnlyBooleanWrapper gpuAvailable = new ReadOnlyBooleanWrapper(this, "gpuAvailable");
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper(this, "device", "CPU, float32");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper importing = new ReadOnlyBooleanWrapper(this, "importing");
    private final BooleanProperty fastMode = new SimpleBooleanProperty(this, "fastMode");
    private final CpuFeatures cpu = CpuFeatures.detect();
    private ComputeTarget gpuTarget;

    public ModelsModel(Preferences prefs, Runnable savePrefs, BackgroundRunner runner, ModelValidator validator) {
        this.prefs = Objects.requireNonNull(prefs);
        this.savePrefs = Objects.requireNonNull(savePrefs);
        this.runner = Objects.requireNonNull(runner);
        this.validator = Objects.requireNonNull(validator);
        models.setAll(prefs.models);
        if (prefs.activeModel != null) {
            models.stream().filter(m -> m.folder.equals(prefs.activeModel)).findFirst()
                    .ifPresent(m -> active.set(new EncoderChoice.Imported(Path.of(m.folder), m.name)));
        }
        fastMode.set(activeEntry().map(m -> "bf16".equals(m.precision)).orElse(false));
        active.addListener((o, a, now) -> {
            prefs.activeModel = now instanceof EncoderChoice.Imported i ? i.folder().toString() : null;
            savePrefs.run();
            fastMode.set(activeEntry().map(m -> "bf16".equals(m.precision)).orElse(false));
        });
        fastMode.addListener((o, a, now) -> {
            activeEntry().ifPresent(m -> m.precision = now ? "bf16" : null);
            device.set(target().message());
            savePrefs.run();
        });
        useGpu.addListener((o, a, now) -> {
            prefs.useGpu = now;
            device.set(target().message());
            savePrefs.run();
        });
    }

    public ObservableList<ModelEntry> models() {
        return models;
    }

    /** Loadable models found in the Hugging Face cache by {@link #scanHubCache}, offered for import. */
    public ObservableList<HubCacheEntry> hubModels() {
        return hubModels;
    }

    /**
     * Lists the Hugging Face cache in the background ({@code scan}: e.g. {@code HubCache::list}; reads the disk only,
     * never the network) and offers its loadable snapshots in {@link #hubModels()}.
     */
    public void scanHubCache(Callable<List<CachedModel>> scan) {
        runner.run(scan, found -> hubModels.setAll(HubCacheEntry.of(found)),
                error -> message.set("Could not read the Hugging Face cache: " + error.getMessage()));
    }

    public ObjectProperty<EncoderChoice> activeProperty() {
        return active;
    }

    public BooleanProperty useGpuProperty() {
        return useGpu;
    }

    public ReadOnlyBooleanProperty gpuAvailableProperty() {
        return gpuAvailable.getReadOnlyProperty();
    }

    /** Where inference runs, in words. */
    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty importingProperty() {
        return importing.getReadOnlyProperty();
    }

    /** The compute target the analysis should use now. */
    public ComputeTarget target() {
        if (useGpu.get() && gpuTarget != null) {
            return gpuTarget;
        }
        return fastMode.get() ? ComputeTarget.cpu(Precision.BF16, cpu) : ComputeTarget.cpu();
    }

    /** The bf16 fast mode for the active imported model (remembered per model). */
    public BooleanProperty fastModeProperty() {
        return fastMode;
    }

    /** True where the CPU multiplies bf16 natively (AMX or AVX-512-BF16): only there is the fast mode faster. */
    public boolean nativeBf16() {
        return cpu.nativeBf16();
    }

    private java.util.Optional<ModelEntry> activeEntry() {
        return active.get() instanceof EncoderChoice.Imported i
                ? prefs.models.stream().filter(m -> m.folder.equals(i.folder().toString())).findFirst()
                : java.util.Optional.empty();
    }

    /**
     * Asks the engine for a GPU in the background (it loads the native library, a few seconds the first time);
     * {@code probe} answers true when one is usable. The GPU switch is enabled only then.
     */
    public void detectGpu(java.util.concurrent.Callable<ComputeTarget> probe) {
        runner.run(probe, t -> {
            gpuTarget = t.isCpu() ? null : t;
            gpuAvailable.set(gpuTarget != null);
            if (gpuTarget == null) {
                useGpu.set(false);
            } else if (prefs.useGpu) {
                useGpu.set(true);
            }
            device.set(target().message());
        }, e -> device.set("CPU, float32 (GPU check failed: " + e.getMessage() + ")"));
    }

    /** The engine's own GPU probe. */
    public static ComputeTarget probeGpu() {
        return ComputeTarget.resolve(true, Precision.FP32);
    }

    /**
     * Validates {@code folder} (a model folder, or a single weights file such as an EVA-X .pth) in the background;
     * on success lists it, remembers it and makes it active.
     */
    public void importFolder(Path folder) {
        importing.set(true);
        message.set("Checking " + folder + "\u2026");
        runner.run(() -> validator.validate(folder), entry -> {
            importing.set(false);
            models.removeIf(m -> m.folder.equals(entry.folder));
            models.add(entry);
            prefs.models.removeIf(m -> m.folder.equals(entry.folder));
            prefs.models.add(entry);
            savePrefs.run();
            active.set(new EncoderChoice.Imported(Path.of(entry.folder), entry.name));
            message.set("Imported " + entry.name);
        }, error -> {
            importing.set(false);
            message.set("Not a usable model: " + error.getMessage());
            // a TorchScript or ONNX file without its manifest: the panel offers the form that writes one
            if (ManifestForm.needsManifest(folder)) {
                manifestNeeded.set(null);
                manifestNeeded.set(folder);
            }
        });
    }

    /**
     * The folder of the last import refused for want of a {@code model.json} beside its TorchScript or ONNX file
     * (the panel then offers {@link ManifestFormDialog}); null otherwise.
     */
    public javafx.beans.property.ReadOnlyObjectProperty<Path> manifestNeededProperty() {
        return manifestNeeded.getReadOnlyProperty();
    }

    private final javafx.beans.property.ReadOnlyObjectWrapper<Path> manifestNeeded =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(this, "manifestNeeded");

    /** Forgets an imported model (its files are left alone). */
    public void remove(ModelEntry entry) {
        models.remove(entry);
        prefs.models.removeIf(m -> m.folder.equals(entry.folder));
        if (active.get() instanceof EncoderChoice.Imported i && i.folder().toString().equals(entry.folder)) {
            active.set(new EncoderChoice.Demo());
        }
        savePrefs.run();
    }

    /** For tests. */
    BooleanSupplier hasGpuTarget() {
        return () -> gpuTarget != null;
    }
}
