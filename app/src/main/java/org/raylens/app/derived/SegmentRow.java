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
import org.raylens.viewer.derived.Segment;
import org.raylens.viewer.derived.Segmentation;

/**
 * One segment of a DICOM SEG over the image on screen, as a row of the layers panel: the segment's values there
 * (fractions 0–1 per source pixel, rows × columns) and what the user set — shown, opacity, fill or contour and colour
 * (binary segments, which start in the segment's recommended colour), colormap and threshold (fractional ones).
 */
public final class SegmentRow {

    private final Segmentation segmentation;
    private final Segment segment;
    private final float[] values;
    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
    private final DoubleProperty opacity = new SimpleDoubleProperty(this, "opacity", 0.6);
    private final ObjectProperty<LayerRow.MaskStyle> style = new SimpleObjectProperty<>(this, "style",
            LayerRow.MaskStyle.FILL);
    private final StringProperty colour;
    private final StringProperty colormap = new SimpleStringProperty(this, "colormap", "viridis");
    /** Binary: unused. Fractional: the fraction (0–1) below which nothing is drawn. */
    private final DoubleProperty threshold = new SimpleDoubleProperty(this, "threshold", 0);

    SegmentRow(Segmentation segmentation, Segment segment, float[] values) {
        this.segmentation = segmentation;
        this.segment = segment;
        this.values = values;
        this.colour = new SimpleStringProperty(this, "colour", segment.cssColour());
    }

    public Segmentation segmentation() {
        return segmentation;
    }

    public Segment segment() {
        return segment;
    }

    /** The segment over the image: fractions 0–1, rows × columns of the segmentation (not copied: do not change). */
    float[] values() {
        return values;
    }

    public boolean fractional() {
        return segmentation.type() == Segmentation.Type.FRACTIONAL;
    }

    /** "Liver — Segmentation 24x38x3": the segment and the object it comes from. */
    public String title() {
        String from = segmentation.seriesDescription();
        return segment.displayName() + (from == null || from.isBlank() ? "" : " \u2014 " + from);
    }

    /** For fractional segments, what the values mean ("probability" or "occupancy", 0–1), for the colorbar. */
    public String quantity() {
        return fractional() ? segmentation.fractionalType().toLowerCase(java.util.Locale.ROOT) + " (0\u20131)"
                : "binary";
    }

    /** Number of source pixels inside the segment (value above 0) on the image shown. */
    public int pixelsInside() {
        int n = 0;
        for (float v : values) {
            n += v > 0 ? 1 : 0;
        }
        return n;
    }

    /** A node id part unique per segment of an object: "seg-<last UID digits>-<number>". */
    public String nodeId() {
        String uid = segmentation.sopInstanceUid() == null ? "x" : segmentation.sopInstanceUid();
        return "seg-" + uid.substring(Math.max(0, uid.length() - 6)).replaceAll("[^0-9A-Za-z]", "-") + "-"
                + segment.number();
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
