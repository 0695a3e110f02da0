package org.raylens.app.scores;

import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.raylens.app.analysis.AnalysisModel;
import org.raylens.app.analysis.AdapterScores;

/**
 * The scores panel's state: the adapter's outputs sorted high to low, and the label whose Grad-CAM is shown
 * (chosen by clicking a bar; the top label until then).
 */
public final class ScoresModel {

    private final ReadOnlyObjectWrapper<List<AdapterScores.Entry>> sorted = new ReadOnlyObjectWrapper<>(this, "sorted",
            List.of());
    private final ReadOnlyStringWrapper adapter = new ReadOnlyStringWrapper(this, "adapter", "");
    private final StringProperty selectedLabel = new SimpleStringProperty(this, "selectedLabel");

    public ScoresModel(AnalysisModel analysis) {
        analysis.resultProperty().addListener((o, a, r) -> {
            AdapterScores s = r == null ? null : r.scores().orElse(null);
            show(s);
        });
    }

    void show(AdapterScores s) {
        if (s == null) {
            sorted.set(List.of());
            adapter.set("");
            selectedLabel.set(null);
            return;
        }
        List<AdapterScores.Entry> list = s.sorted();
        sorted.set(list);
        adapter.set(s.adapter());
        if (selectedLabel.get() == null || list.stream().noneMatch(e -> e.label().equals(selectedLabel.get()))) {
            selectedLabel.set(list.isEmpty() ? null : list.get(0).label());
        }
    }

    public ReadOnlyObjectProperty<List<AdapterScores.Entry>> sortedProperty() {
        return sorted.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty adapterProperty() {
        return adapter.getReadOnlyProperty();
    }

    /** The label Grad-CAM explains. */
    public StringProperty selectedLabelProperty() {
        return selectedLabel;
    }

    /** Picks {@code label} for Grad-CAM (a click on its bar). */
    public void pick(String label) {
        selectedLabel.set(label);
    }
}
