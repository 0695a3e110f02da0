package org.raylens.app.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.raylens.app.analysis.AdapterSelection;
import org.raylens.app.analysis.EncoderChoice;
import org.raylens.app.prefs.Preferences;
import org.raylens.app.prefs.Preferences.AdapterEntry;
import org.raylens.app.task.BackgroundRunner;
import org.raylens.inference.adapter.AdapterSpec;
import org.raylens.inference.encoder.ComputeTarget;

/**
 * The adapters half of the models panel: the imported adapter folders (each checked with
 * {@link org.raylens.inference.adapter.Adapter#load} against the encoder active at import, remembered in
 * preferences), the active classification adapter (scores, Grad-CAM) and the optional segmentation adapter (mask).
 * None chosen means: the demo adapters with the demo encoder, no adapter with an imported one. A failed import changes
 * nothing and leaves the typed error in {@link #failureProperty()} for a notification. When the encoder changes, the
 * chosen adapters that were not checked against it are dropped (they would be refused anyway).
 */
public final class AdaptersModel {

    /** Loads {@code folder} as an adapter for {@code encoder} and checks it belongs to it; blocking. */
    @FunctionalInterface
    public interface AdapterChecker {
        AdapterSpec check(Path folder, EncoderChoice encoder, ComputeTarget target) throws IOException;
    }

    private final Preferences prefs;
    private final Runnable savePrefs;
    private final BackgroundRunner runner;
    private final AdapterChecker checker;
    private final ObjectProperty<EncoderChoice> encoder;
    private final Supplier<ComputeTarget> target;
    private final ObservableList<AdapterEntry> adapters = FXCollections.observableArrayList();
    private final ObjectProperty<AdapterEntry> classification = new SimpleObjectProperty<>(this, "classification");
    private final ObjectProperty<AdapterEntry> segmentation = new SimpleObjectProperty<>(this, "segmentation");
    private final ReadOnlyObjectWrapper<AdapterSelection> selection = new ReadOnlyObjectWrapper<>(this, "selection",
            AdapterSelection.NONE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<Exception> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private final ReadOnlyBooleanWrapper importing = new ReadOnlyBooleanWrapper(this, "importing");

    /**
     * @param encoder the active encoder (the models panel's); adapters are checked against it
     * @param target  where the encoder runs (an import may have to load it)
     */
    public AdaptersModel(Preferences prefs, Runnable savePrefs, BackgroundRunner runner, AdapterChecker checker,
            ObjectProperty<EncoderChoice> encoder, Supplier<ComputeTarget> target) {
        this.prefs = Objects.requireNonNull(prefs);
        this.savePrefs = Objects.requireNonNull(savePrefs);
        this.runner = Objects.requireNonNull(runner);
        this.checker = Objects.requireNonNull(checker);
        this.encoder = Objects.requireNonNull(encoder);
        this.target = Objects.requireNonNull(target);
        adapters.setAll(prefs.adapters);
        classification.set(find(prefs.activeClassificationAdapter, false));
        segmentation.set(find(prefs.activeSegmentationAdapter, true));
        dropForeign(encoder.get());
        updateSelection();
        classification.addListener((o, a, now) -> {
            prefs.activeClassificationAdapter = now == null ? null : now.folder;
            updateSelection();
            savePrefs.run();
        });
        segmentation.addListener((o, a, now) -> {
            prefs.activeSegmentationAdapter = now == null ? null : now.folder;
            updateSelection();
            savePrefs.run();
        });
        encoder.addListener((o, a, now) -> dropForeign(now));
    }

    public ObservableList<AdapterEntry> adapters() {
        return adapters;
    }

    /** The active classification adapter, or null. */
    public ObjectProperty<AdapterEntry> classificationProperty() {
        return classification;
    }

    /** The active segmentation adapter, or null. */
    public ObjectProperty<AdapterEntry> segmentationProperty() {
        return segmentation;
    }

    /** What the analysis should run. */
    public ReadOnlyObjectProperty<AdapterSelection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The last import's error (an EncoderMismatchException, an AdapterFormatException…), null after a success. */
    public ReadOnlyObjectProperty<Exception> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty importingProperty() {
        return importing.getReadOnlyProperty();
    }

    /** True when {@code entry} was checked against the encoder active now. */
    public boolean fitsActiveEncoder(AdapterEntry entry) {
        return Objects.equals(entry.encoderFolder, folderOf(encoder.get()));
    }

    /**
     * Loads and checks {@code folder} against the active encoder in the background; on success lists it, remembers it
     * and makes it the active adapter of its kind. On failure nothing changes.
     */
    public void importFolder(Path folder) {
        EncoderChoice against = encoder.get();
        ComputeTarget where = target.get();
        importing.set(true);
        failure.set(null);
        message.set("Checking adapter " + folder + " against " + against.name() + "\u2026");
        runner.run(() -> checker.check(folder, against, where), spec -> {
            importing.set(false);
            if (!against.equals(encoder.get())) {
                message.set("The encoder changed while " + folder + " was checked; import it again");
                return;
            }
            AdapterEntry entry = new AdapterEntry(folder.toString(), spec.name(), spec.type().isSegmentation(),
                    spec.labels(), folderOf(against), spec.encoder().weightsSha256());
            adapters.removeIf(a -> a.folder.equals(entry.folder));
            adapters.add(entry);
            prefs.adapters.removeIf(a -> a.folder.equals(entry.folder));
            prefs.adapters.add(entry);
            savePrefs.run();
            (entry.segmentation ? segmentation : classification).set(entry);
            message.set("Imported adapter " + entry.name + " (" + entry.labels.size() + " "
                    + (entry.segmentation ? "mask" : "label") + (entry.labels.size() == 1 ? "" : "s") + ")");
        }, error -> {
            importing.set(false);
            message.set("Adapter not imported: " + (error.getMessage() == null ? error.getClass().getSimpleName()
                    : error.getMessage()));
            failure.set(error);
        });
    }

    /** Forgets an imported adapter (its files are left alone). */
    public void remove(AdapterEntry entry) {
        adapters.remove(entry);
        prefs.adapters.removeIf(a -> a.folder.equals(entry.folder));
        if (classification.get() == entry) {
            classification.set(null);
        }
        if (segmentation.get() == entry) {
            segmentation.set(null);
        }
        savePrefs.run();
    }

    private void dropForeign(EncoderChoice now) {
        if (classification.get() != null && !Objects.equals(classification.get().encoderFolder, folderOf(now))) {
            classification.set(null);
        }
        if (segmentation.get() != null && !Objects.equals(segmentation.get().encoderFolder, folderOf(now))) {
            segmentation.set(null);
        }
    }

    private void updateSelection() {
        selection.set(new AdapterSelection(path(classification.get()), path(segmentation.get())));
    }

    private static Optional<Path> path(AdapterEntry e) {
        return e == null ? Optional.empty() : Optional.of(Path.of(e.folder));
    }

    private AdapterEntry find(String folder, boolean segmenting) {
        return folder == null ? null : adapters.stream()
                .filter(a -> a.folder.equals(folder) && a.segmentation == segmenting).findFirst().orElse(null);
    }

    private static String folderOf(EncoderChoice c) {
        return c instanceof EncoderChoice.Imported i ? i.folder().toString() : null;
    }
}
