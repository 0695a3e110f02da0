package org.raylens.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import org.raylens.app.open.StudyInstance;
import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;
import org.raylens.viewer.image.DisplayableImage;

/**
 * The PA + lateral hanging (L): finds the frontal and the lateral view of the selected image's study
 * ({@link ChestViews}), shows the lateral pinned on the left of the compare view and the PA in the main viewport on
 * the right, linked in zoom, pan, window and map layers. The headers are read on the loader's background thread; the
 * images load through the window's own selection, so the lateral's corner text and measurements work as for any
 * image.
 */
final class Hanging {

    private final MainWindowModel model;
    private final MainWindow window;

    Hanging(MainWindowModel model, MainWindow window) {
        this.model = Objects.requireNonNull(model, "model");
        this.window = Objects.requireNonNull(window, "window");
    }

    /** Hangs the selected image's study; says why in the status line when it has no PA and lateral. */
    void hang() {
        StudyInstance selected = model.selectedProperty().get();
        if (selected == null) {
            model.say("Open a chest study with a PA and a lateral first");
            return;
        }
        List<StudyInstance> study = model.instances().stream()
                .filter(i -> i.study().equals(selected.study()) && i.patient().equals(selected.patient())).toList();
        model.runner().run(() -> describe(study), described -> {
            Optional<ChestViews.Pair<StudyInstance>> pair = ChestViews.pick(described);
            if (pair.isEmpty()) {
                model.say("This study has no PA (or AP) and lateral pair to hang (View Position or Patient "
                        + "Orientation)");
                return;
            }
            show(pair.get());
        }, e -> model.say("Could not read the study's headers: " + e.getMessage()));
    }

    /** Selects the lateral, pins it once shown, then selects the PA. */
    private void show(ChestViews.Pair<StudyInstance> pair) {
        var image = model.viewport().imageProperty();
        Runnable pinThenFrontal = () -> {
            if (!window.comparing()) {
                window.toggleCompare();
            }
            window.compare().pinCurrent("Lateral");
            model.selectedProperty().set(pair.frontal());
        };
        if (pair.lateral().equals(model.selectedProperty().get()) && image.get() != null) {
            pinThenFrontal.run();
            return;
        }
        image.addListener(new ChangeListener<DisplayableImage>() {
            @Override
            public void changed(ObservableValue<? extends DisplayableImage> o, DisplayableImage was,
                    DisplayableImage now) {
                if (now != null) {
                    o.removeListener(this);
                    pinThenFrontal.run();
                }
            }
        });
        model.selectedProperty().set(pair.lateral());
    }

    /** Reads View Position and Patient Orientation of each instance (background: a header read is file I/O). */
    private static List<ChestViews.Described<StudyInstance>> describe(List<StudyInstance> study) throws Exception {
        List<ChestViews.Described<StudyInstance>> out = new ArrayList<>();
        for (StudyInstance i : study) {
            DicomObject h = i.source().header().map(f -> f.dataset()).orElse(null);
            out.add(new ChestViews.Described<>(i, h == null ? null : h.getString(Tag.ViewPosition),
                    h == null ? null : h.getString(Tag.PatientOrientation)));
        }
        return out;
    }
}
