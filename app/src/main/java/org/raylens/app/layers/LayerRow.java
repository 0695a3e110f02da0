package org.raylens.app.layers;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.raylens.inference.adapter.MaskMap;
import org.raylens.core.result.PatchMap;

/**
 * One row of the layers panel: what the user set (visible, opacity, colormap, threshold, fill or contour) and the
 * map it shows, if any has been computed. The binder turns rows into the overlays module's layers; the panel binds
 * its controls to these properties.
 */
public final class LayerRow {

    /** Mask drawing styles. */
    public enum MaskStyle { FILL, CONTOUR }

    private final LayerKind kind;
    private final StringProperty title;
    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible");
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 0.5);
    private final StringProperty colormap = new SimpleStringProperty(this, "colormap", "viridis");
    /** 0–1 of the map's value range; values below it are not drawn. */
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", 0);
    private final ObjectProperty<MaskStyle> maskStyle = new SimpleObjectProperty<>(this, "maskStyle",
            MaskStyle.FILL);
    private final ReadOnlyObjectWrapper<PatchMap> map = new ReadOnlyObjectWrapper<>(this, "map");
    /** The segmentation adapter's source-size probability map (mask row only). */
    private final ReadOnlyObjectWrapper<MaskMap> mask = new ReadOnlyObjectWrapper<>(this, "mask");
    /** Mask colour as a CSS colour ("#ff3030"). */
    private final StringProperty colour = new SimpleStringProperty(this, "colour", "#ff3030");
    /** True while the row has something to show (a map, or a mask). */
    private final ReadOnlyBooleanWrapper present = new ReadOnlyBooleanWrapper(this, "present");
    /** Why the analysed model cannot give this row's method ("This model gives no attention maps"), or null. */
    private final ReadOnlyStringWrapper unavailable = new ReadOnlyStringWrapper(this, "unavailable");

    public LayerRow(LayerKind kind) {
        this.kind = kind;
        this.title = new SimpleStringProperty(this, "title", kind.title());
        present.bind(map.isNotNull().or(mask.isNotNull()));
    }

    /** The mask shown (mask row), or null when no segmentation adapter ran on the image on screen. */
    public ReadOnlyObjectProperty<MaskMap> maskProperty() {
        return mask.getReadOnlyProperty();
    }

    public MaskMap getMask() {
        return mask.get();
    }

    void setMask(MaskMap m) {
        mask.set(m);
    }

    public StringProperty colourProperty() {
        return colour;
    }

    /** Why the model on screen cannot give this row's method, or null when it can (or nothing was analysed). */
    public ReadOnlyStringProperty unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    public String getUnavailable() {
        return unavailable.get();
    }

    void setUnavailable(String reason) {
        unavailable.set(reason);
    }

    public ReadOnlyBooleanProperty presentProperty() {
        return present.getReadOnlyProperty();
    }

    public LayerKind kind() {
        return kind;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public BooleanProperty visibleProperty() {
        return visible;
    }

    public DoubleProperty opacityProperty() {
        return opacity;
    }

    public StringProperty colormapProperty() {
        return colormap;
    }

    public DoubleProperty thresholdProperty() {
        return threshold;
    }

    public ObjectProperty<MaskStyle> maskStyleProperty() {
        return maskStyle;
    }

    /** The map shown, or null when none has been computed for the image on screen. */
    public ReadOnlyObjectProperty<PatchMap> mapProperty() {
        return map.getReadOnlyProperty();
    }

    public PatchMap getMap() {
        return map.get();
    }

    void setMap(PatchMap m) {
        map.set(m);
    }

    /** {min, max} of the map's values, for the colorbar; null without a map. */
    public float[] range() {
        PatchMap m = map.get();
        return m == null ? null : m.range();
    }
}
