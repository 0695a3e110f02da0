package org.raylens.app.derived;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.raylens.app.layers.LayerRow;
import org.raylens.viewer.derived.ParametricMap;
import org.raylens.viewer.derived.Segment;
import org.raylens.viewer.derived.Segmentation;

/**
 * One layer of a DICOM object over the image on screen, as a row of the layers panel: a segment of a SEG (its
 * fractions 0–1 per source pixel) or a Parametric Map frame (real-world values), rows × columns of the object, and
 * what the user set — shown, opacity, fill or contour and colour (binary segments, which start in the segment's
 * recommended colour), colormap and threshold (fractional segments and maps, the threshold in the values' own unit).
 */
public final class DerivedLayerRow {

    private final Segmentation segmentation;
    private final Segment segment;
    private final ParametricMap map;
    private final float[] values;
    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 0.6);
    private final ObjectProperty<LayerRow.MaskStyle> style = new SimpleObjectProperty<>(this, "style",
            LayerRow.MaskStyle.FILL);
    private final StringProperty colour;
    private final StringProperty colormap = new SimpleStringProperty(this, "colormap", "viridis");
    /** Binary: unused. Fractional: the fraction (0–1), maps: the value, below which nothing is drawn. */
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", 0);

    DerivedLayerRow(Segmentation segmentation, Segment segment, float[] values) {
        this.segmentation = segmentation;
        this.segment = segment;
        this.map = null;
        this.values = values;
        this.colour = new SimpleStringProperty(this, "colour", segment.cssColour());
    }

    /** A Parametric Map frame: {@code values} are real-world values; the threshold starts at their minimum. */
    DerivedLayerRow(ParametricMap map, float[] values) {
        this.segmentation = null;
        this.segment = null;
        this.map = map;
        this.values = values;
        this.colour = new SimpleStringProperty(this, "colour", "#ff3030");
        threshold.set(range()[0]);
    }

    /** The SEG this row shows a segment of, or null for a Parametric Map. */
    public Segmentation segmentation() {
        return segmentation;
    }

    /** The segment shown, or null for a Parametric Map. */
    public Segment segment() {
        return segment;
    }

    /** The Parametric Map shown, or null for a segment. */
    public ParametricMap parametricMap() {
        return map;
    }

    public int rows() {
        return map != null ? map.rows() : segmentation.rows();
    }

    public int columns() {
        return map != null ? map.columns() : segmentation.columns();
    }

    /** True when drawn through a colormap (fractional segments, maps), false for a binary mask. */
    public boolean scalar() {
        return map != null || fractional();
    }

    /** {min, max} of the values in their unit: 0–1 for segments, the finite values' range for a map. */
    public double[] range() {
        if (map == null) {
            return new double[] {0, 1};
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min > max ? new double[] {0, 1} : min == max ? new double[] {min, min + 1} : new double[] {min, max};
    }

    /** The segment over the image: fractions 0–1, rows × columns of the segmentation (not copied: do not change). */
    float[] values() {
        return values;
    }

    public boolean fractional() {
        return segmentation != null && segmentation.type() == Segmentation.Type.FRACTIONAL;
    }

    /** "Liver — Segmentation 24x38x3": the segment and the object it comes from. */
    public String title() {
        String from = map != null ? map.seriesDescription() : segmentation.seriesDescription();
        String what = map != null ? map.quantity() : segment.displayName();
        return what + (from == null || from.isBlank() ? "" : " \u2014 " + from);
    }

    /**
     * The name of this row's layer on screen and on the colorbar: a Parametric Map's title already names its quantity,
     * so only its units are added; a segment's title is followed by what its values mean.
     */
    public String layerName() {
        if (map != null) {
            String from = map.seriesDescription();
            return map.quantityWithUnits() + (from == null || from.isBlank() ? "" : " \u2014 " + from);
        }
        return title() + " \u2014 " + quantity();
    }

    /** For fractional segments, what the values mean ("probability" or "occupancy", 0–1), for the colorbar. */
    public String quantity() {
        if (map != null) {
            return map.quantityWithUnits();
        }
        return fractional() ? segmentation.fractionalType().toLowerCase(java.util.Locale.ROOT) + " (0\u20131)"
                : "binary";
    }

    /** Number of source pixels inside the segment (value above 0) on the image shown. */
    public int pixelsInside() {
        int n = 0;
        for (float v : values) {
            n += v > 0 || map != null && Float.isFinite(v) ? 1 : 0;
        }
        return n;
    }

    /** A node id part unique per segment of an object: "seg-<last UID digits>-<number>". */
    public String nodeId() {
        String sop = map != null ? map.sopInstanceUid() : segmentation.sopInstanceUid();
        String uid = sop == null ? "x" : sop;
        String tail = uid.substring(Math.max(0, uid.length() - 6)).replaceAll("[^0-9A-Za-z]", "-");
        return map != null ? "pm-" + tail : "seg-" + tail + "-" + segment.number();
    }

    public BooleanProperty visibleProperty() {
        return visible;
    }

    public DoubleProperty opacityProperty() {
        return opacity;
    }

    public ObjectProperty<LayerRow.MaskStyle> styleProperty() {
        return style;
    }

    public StringProperty colourProperty() {
        return colour;
    }

    public StringProperty colormapProperty() {
        return colormap;
    }

    public DoubleProperty thresholdProperty() {
        return threshold;
    }
}
