package org.raylens.viewer.measure;

/**
 * A measurement drawn on an image, stored in SOURCE pixel coordinates (origin at the top-left corner of the top-left
 * pixel) so it stays on the anatomy under any zoom, pan, rotation or flip.
 */
public sealed interface Measurement permits Measurement.Distance, Roi {

    /** The same measurement moved by (dx, dy) source pixels. */
    Measurement movedBy(double dx, double dy);

    /** The first defining point (a distance's start, an ROI box's first corner). */
    double x1();

    double y1();

    /** The second defining point. */
    double x2();

    double y2();

    /** The same kind of measurement with point {@code end} (1 or 2) moved to (x, y): how a handle drag edits it. */
    Measurement withPoint(int end, double x, double y);

    /** A straight line between two points. */
    record Distance(double x1, double y1, double x2, double y2) implements Measurement {
        @Override
        public Distance movedBy(double dx, double dy) {
            return new Distance(x1 + dx, y1 + dy, x2 + dx, y2 + dy);
        }

        @Override
        public Distance withPoint(int end, double x, double y) {
            return end == 1 ? new Distance(x, y, x2, y2) : new Distance(x1, y1, x, y);
        }
    }
}
