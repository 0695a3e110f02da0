package org.raylens.viewer.measure;

/**
 * What a left drag (or, for an angle, three clicks) on the image draws; {@link #NONE} leaves the drag to panning.
 * The M key walks the tools in this order, as Weasis's M selects its measure action.
 */
public enum MeasureTool {
    NONE("pan"), DISTANCE("distance"), RECTANGLE("rectangle ROI"), ELLIPSE("ellipse ROI"), ANGLE("angle"),
    FREEHAND("freehand ROI");

    private final String label;

    MeasureTool(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The next tool in the cycle the M key walks: distance, rectangle, ellipse, angle, freehand, back to panning. */
    public MeasureTool next() {
        MeasureTool[] all = values();
        return all[(ordinal() + 1) % all.length];
    }

    /** Whether a press-drag-release from one corner (or end) to the other draws this tool's shape. */
    public boolean isTwoPoint() {
        return this == DISTANCE || this == RECTANGLE || this == ELLIPSE;
    }

    /** The shape a two-point tool draws between a press at (x1, y1) and the pointer at (x2, y2), source coordinates. */
    public Measurement shape(double x1, double y1, double x2, double y2) {
        return switch (this) {
            case DISTANCE -> new Measurement.Distance(x1, y1, x2, y2);
            case RECTANGLE -> new Roi.Rectangle(x1, y1, x2, y2);
            case ELLIPSE -> new Roi.Ellipse(x1, y1, x2, y2);
            case NONE, ANGLE, FREEHAND -> throw new IllegalStateException(label + " is not drawn by two points");
        };
    }
}
