package org.raylens.app.browser;

import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.raylens.app.open.DerivedWithoutSource;
import org.raylens.app.open.StudyInstance;

/**
 * The study browser's state without controls: the opened instances grouped into a tree, and the search text that
 * filters it. The tree is recomputed when either changes.
 */
public final class StudyBrowserModel {

    private final ObservableList<StudyInstance> instances;
    private final ObservableList<DerivedWithoutSource> withoutSource;
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyObjectWrapper<List<BrowserNode>> tree = new ReadOnlyObjectWrapper<>(this, "tree", List.of());
    private List<BrowserNode> full = List.of();

    public StudyBrowserModel(ObservableList<StudyInstance> instances) {
        this(instances, FXCollections.observableArrayList());
    }

    /** @param withoutSource derived objects whose source images are not open: listed apart, by the series they cite */
    public StudyBrowserModel(ObservableList<StudyInstance> instances,
            ObservableList<DerivedWithoutSource> withoutSource) {
        this.instances = instances;
        this.withoutSource = withoutSource;
        instances.addListener((Observable o) -> rebuild());
        withoutSource.addListener((Observable o) -> rebuild());
        filter.addListener((Observable o) -> refilter());
        rebuild();
    }

    /** Search text: patient, study, series or file names containing it (case-insensitive). */
    public StringProperty filterProperty() {
        return filter;
    }

    /** The rows to show. */
    public ReadOnlyObjectProperty<List<BrowserNode>> treeProperty() {
        return tree.getReadOnlyProperty();
    }

    public List<BrowserNode> getTree() {
        return tree.get();
    }

    private void rebuild() {
        full = StudyTree.build(List.copyOf(instances), List.copyOf(withoutSource));
        refilter();
    }

    private void refilter() {
        tree.set(StudyTree.filter(full, filter.get()));
    }
}
