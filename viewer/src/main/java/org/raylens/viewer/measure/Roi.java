package org.raylens.viewer.measure;

import java.util.List;

/**
 * A region of interest in source coordinates. A pixel belongs to the region when its CENTRE lies inside, the
 * convention of ImageJ and most viewers, so the pixel count is the region's area to within its outline.
 */
public sealed interface Roi extends Measurement permits Roi.Box, Roi.Freehand {

    /** True when source point (x, y) lies inside the region. */
    boolean contains(double x, double y);

    /** The geometric area in source pixels² (a calibrated area is this times the two spacings). */
    double area();

    /** The bounding box: where statistics look for pixels. */
    double minX();

    double maxX();

    double minY();

    double maxY();

    /** A region given by its bounding box (corners in any order): what a drag from corner to corner draws. */
    sealed interface Box extends Roi permits Rectangle, Ellipse {
        double x1();

        double y1();

        double x2();

        double y2();

        @Override
        default List<Point> points() {
            return List.of(new Point(x1(), y1()), new Point(x2(), y2()));
        }

        @Override
        default double minX() {
            return Math.min(x1(), x2());
        }

        @Override
        default double maxX() {
            return Math.max(x1(), x2());
        }

        @Override
        default double minY() {
            return Math.min(y1(), y2());
        }

        @Override
        default double maxY() {
            return Math.max(y1(), y2());
        }
    }

    record Rectangle(double x1, double y1, double x2, double y2) implements Box {
        @Override
        public boolean contains(double x, double y) {
            return x >= minX() && x < maxX() && y >= minY() && y < maxY();
        }

        @Override
        public double area() {
            return (maxX() - minX()) * (maxY() - minY());
        }

        @Override
        public Rectangle movedBy(double dx, double dy) {
            return new Rectangle(x1 + dx, y1 + dy, x2 + dx, y2 + dy);
        }

        @Override
        public Rectangle withPoint(int point, double x, double y) {
            return point == 1 ? new Rectangle(x, y, x2, y2) : new Rectangle(x1, y1, x, y);
        }
    }

    /** The ellipse inscribed in the box. */
    record Ellipse(double x1, double y1, double x2, double y2) implements Box {
        @Override
        public boolean contains(double x, double y) {
            double rx = (maxX() - minX()) / 2;
            double ry = (maxY() - minY()) / 2;
            if (!(rx > 0 && ry > 0)) {
                return false;
            }
            double u = (x - (minX() + rx)) / rx;
            double v = (y - (minY() + ry)) / ry;
            return u * u + v * v <= 1;
        }

        @Override
        public double area() {
            return Math.PI * (maxX() - minX()) * (maxY() - minY()) / 4;
        }

        @Override
        public Ellipse movedBy(double dx, double dy) {
            return new Ellipse(x1 + dx, y1 + dy, x2 + dx, y2 + dy);
        }

        @Override
        public Ellipse withPoint(int point, double x, double y) {
            return point == 1 ? new Ellipse(x, y, x2, y2) : new Ellipse(x1, y1, x, y);
        }
    }

    /**
     * A closed polygon through the points of a drag (the last joins the first). Inside is decided by the even-odd
     * rule, so a drag that crosses itself still gives a definite region; the area is the shoelace formula's, which
     * for a self-crossing outline counts lobes of opposite turning against each other (as ImageJ does).
     */
    record Freehand(List<Point> vertices) implements Roi {
        public Freehand {
            vertices = List.copyOf(vertices);
        }

        @Override
        public List<Point> points() {
            return vertices;
        }

        @Override
        public boolean contains(double x, double y) {
            boolean inside = false;
            int n = vertices.size();
            for (int i = 0, j = n - 1; i < n; j = i++) {
                Point a = vertices.get(i);
                Point b = vertices.get(j);
                if ((a.y() > y) != (b.y() > y) && x < (b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()) + a.x()) {
                    inside = !inside;
                }
            }
            return inside;
        }

        /** Shoelace: half the absolute sum of the cross products of consecutive vertices. */
        @Override
        public double area() {
            int n = vertices.size();
            if (n < 3) {
                return 0;
            }
            double twice = 0;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                Point a = vertices.get(j);
                Point b = vertices.get(i);
                twice += a.x() * b.y() - b.x() * a.y();
            }
            return Math.abs(twice) / 2;
        }

        @Override
        public double minX() {
            return vertices.stream().mapToDouble(Point::x).min().orElse(Double.NaN);
        }

        @Override
        public double maxX() {
            return vertices.stream().mapToDouble(Point::x).max().orElse(Double.NaN);
        }

        @Override
        public double minY() {
            return vertices.stream().mapToDouble(Point::y).min().orElse(Double.NaN);
        }

        @Override
        public double maxY() {
            return vertices.stream().mapToDouble(Point::y).max().orElse(Double.NaN);
        }

        @Override
        public Freehand movedBy(double dx, double dy) {
            return new Freehand(vertices.stream().map(p -> new Point(p.x() + dx, p.y() + dy)).toList());
        }

        @Override
        public Freehand withPoint(int point, double x, double y) {
            java.util.ArrayList<Point> moved = new java.util.ArrayList<>(vertices);
            moved.set(point - 1, new Point(x, y));
            return new Freehand(moved);
        }
    }
}
