package org.raylens.app.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.raylens.app.open.DerivedWithoutSource;
import org.raylens.app.open.LoadedStudy;
import org.raylens.app.open.StudyInstance;
import org.raylens.app.open.StudyLoader;
import org.raylens.app.task.BackgroundRunner;
import org.raylens.viewer.fx.ViewportModel;

/**
 * The first window's state without its controls: the opened study's instances, the selected one, the viewport's
 * model, the synthetic-data banner and a one-line message. Loading runs through a {@link BackgroundRunner}; each
 * request is numbered and a result that arrives after a newer request is dropped, so clicking quickly through the
 * list always ends on the image last clicked.
 *
 * <p>Used from the FX thread only (the runner delivers results there).
 */
public final class MainWindowModel {

    /** Shown whenever the bundled sample is on screen; the sample is generated, not anyone's radiograph. */
    public static final String SYNTHETIC_BANNER = "SYNTHETIC SAMPLE \u2014 not patient data";

    private final StudyLoader loader;
    private final BackgroundRunner runner;
    private final ViewportModel viewport = new ViewportModel();
    private final ObservableList<StudyInstance> instances = FXCollections.observableArrayList();
    private final ObservableList<DerivedWithoutSource> withoutSource = FXCollections.observableArrayList();
    private final ObjectProperty<StudyInstance> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper(this, "banner", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    private long studyRequest;
    private long imageRequest;
    /** What the last study load skipped; stays in the status line while its images are viewed. */
    private String studyProblems = "";

    public MainWindowModel(StudyLoader loader, BackgroundRunner runner) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.runner = Objects.requireNonNull(runner, "runner");
        selected.addListener((obs, old, now) -> loadImage(now));
    }

    /** The runner loads go through; panels that follow the selected image use it too. */
    BackgroundRunner runner() {
        return runner;
    }

    /** Puts {@code text} in the status line (a window action that has nothing to show says why). */
    void say(String text) {
        message.set(text);
    }

    public ViewportModel viewport() {
        return viewport;
    }

    public ObservableList<StudyInstance> instances() {
        return instances;
    }

    /** The opened study's derived objects whose source images are not open (the browser groups them). */
    public ObservableList<DerivedWithoutSource> withoutSource() {
        return withoutSource;
    }

    /** Shows a study listed elsewhere than from files (a PACS study from its metadata), as {@link #open} would. */
    public void show(LoadedStudy study) {
        studyRequest++; // a file study still loading is superseded
        imageRequest++;
        showStudy(study);
    }

    /** The instance shown in the viewport; setting it loads its image in the background. */
    public ObjectProperty<StudyInstance> selectedProperty() {
        return selected;
    }

    /** {@link #SYNTHETIC_BANNER} while the synthetic sample is open, otherwise empty. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    /** What is happening or what went wrong, in one line for the status bar; empty when all is well. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True while the latest study or image request is in flight. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Opens files and folders, or the bundled sample study when {@code inputs} is empty; selects the first image. */
    public void open(List<Path> inputs) {
        List<Path> request = List.copyOf(inputs);
        long id = ++studyRequest;
        imageRequest++; // an image still loading belongs to the previous study
        busy.set(true);
        message.set(request.isEmpty() ? "Opening the sample study\u2026" : "Opening " + describe(request) + "\u2026");
        runner.run(() -> loader.load(request),
                study -> {
                    if (id == studyRequest) {
                        showStudy(study);
                    }
                },
                error -> {
                    if (id == studyRequest) {
                        busy.set(false);
                        message.set(errorText(error));
                    }
                });
    }

    private void showStudy(LoadedStudy study) {
        banner.set(study.synthetic() ? SYNTHETIC_BANNER : "");
        withoutSource.setAll(study.withoutSource());
        instances.setAll(study.instances());
        String problems = study.problems().isEmpty() ? ""
                : "Skipped " + study.problems().size() + ": " + study.problems().get(0);
        studyProblems = problems;
        if (study.instances().isEmpty()) {
            busy.set(false);
            selected.set(null);
            viewport.setImage(null);
            message.set(problems.isEmpty() ? "No images found" : "No images found. " + problems);
            return;
        }
        message.set(problems);
        if (study.instances().get(0).equals(selected.get())) {
            loadImage(selected.get()); // same file opened again: reload it, the listener would not fire
        } else {
            selected.set(study.instances().get(0));
        }
    }

    private void loadImage(StudyInstance instance) {
        long id = ++imageRequest;
        if (instance == null) {
            busy.set(false);
            viewport.setImage(null);
            return;
        }
        busy.set(true);
        runner.run(() -> loader.open(instance),
                image -> {
                    if (id == imageRequest) {
                        busy.set(false);
                        viewport.setImage(image);
                        String note = image == null ? null : image.defaultWindowNote();
                        message.set(note == null ? studyProblems
                                : studyProblems.isEmpty() ? note : studyProblems + "; " + note);
                    }
                },
                error -> {
                    if (id == imageRequest) {
                        busy.set(false);
                        viewport.setImage(null);
                        message.set(errorText(error));
                    }
                });
    }

    private static String describe(List<Path> inputs) {
        return inputs.size() == 1 ? String.valueOf(inputs.get(0)) : inputs.size() + " items";
    }

    private static String errorText(Exception e) {
        String text = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return "Could not open: " + text;
    }
}
