package org.raylens.viewer.measure;

/**
 * A measurement drawn on an image, stored in SOURCE pixel coordinates (origin at the top-left corner of the top-left
 * pixel) so it stays on the anatomy under any zoom, pan, rotation or flip.
 */
public sealed interface Measurement permits Measurement.Distance, Roi {

    /** The same measurement moved by (dx, dy) source pixels. */
    Measurement movedBy(double dx, double dy);

    /** A straight line between two points. */
    record Distance(double x1, double y1, double x2, double y2) implements Measurement {
        @Override
        public Distance movedBy(double dx, double dy) {
            return new Distance(x1 + dx, y1 + dy, x2 + dx, y2 + dy);
        }
    }
}
