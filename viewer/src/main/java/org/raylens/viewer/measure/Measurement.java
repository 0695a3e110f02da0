package org.raylens.viewer.measure;

import java.util.List;

/**
 * A measurement drawn on an image, stored in SOURCE pixel coordinates (origin at the top-left corner of the top-left
 * pixel) so it stays on the anatomy under any zoom, pan, rotation or flip. Its {@link #points()} are the handles a
 * user drags to edit it.
 */
public sealed interface Measurement permits Measurement.Distance, Measurement.Angle, Roi {

    /** A point in source coordinates. */
    record Point(double x, double y) {}

    /** The same measurement moved by (dx, dy) source pixels. */
    Measurement movedBy(double dx, double dy);

    /** The defining points, in order: the handles an edit drags (numbered from 1). */
    List<Point> points();

    /** The same kind of measurement with point {@code point} (1 to {@code points().size()}) moved to (x, y). */
    Measurement withPoint(int point, double x, double y);

    /** A straight line between two points. */
    record Distance(double x1, double y1, double x2, double y2) implements Measurement {
        @Override
        public Distance movedBy(double dx, double dy) {
            return new Distance(x1 + dx, y1 + dy, x2 + dx, y2 + dy);
        }

        @Override
        public List<Point> points() {
            return List.of(new Point(x1, y1), new Point(x2, y2));
        }

        @Override
        public Distance withPoint(int point, double x, double y) {
            return point == 1 ? new Distance(x, y, x2, y2) : new Distance(x1, y1, x, y);
        }
    }

    /**
     * The angle at a vertex between two arms, drawn with three clicks (first arm's end, vertex, second arm's end) as
     * in Weasis. Its size depends on the pixel spacing when rows and columns are spaced differently, so it is
     * measured by {@link CalibratedSpacing#angleDegrees}.
     */
    record Angle(double ax, double ay, double vx, double vy, double bx, double by) implements Measurement {
        @Override
        public Angle movedBy(double dx, double dy) {
            return new Angle(ax + dx, ay + dy, vx + dx, vy + dy, bx + dx, by + dy);
        }

        @Override
        public List<Point> points() {
            return List.of(new Point(ax, ay), new Point(vx, vy), new Point(bx, by));
        }

        @Override
        public Angle withPoint(int point, double x, double y) {
            return switch (point) {
                case 1 -> new Angle(x, y, vx, vy, bx, by);
                case 2 -> new Angle(ax, ay, x, y, bx, by);
                default -> new Angle(ax, ay, vx, vy, x, y);
            };
        }
    }
}
