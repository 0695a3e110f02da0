package org.raylens.viewer.measure;

/**
 * A region of interest given by its bounding box in source coordinates (corners in any order). A pixel belongs to
 * the region when its CENTRE lies inside, the convention of ImageJ and most viewers, so the pixel count is the
 * region's area to within its outline.
 */
public sealed interface Roi extends Measurement permits Roi.Rectangle, Roi.Ellipse {

    double x1();

    double y1();

    double x2();

    double y2();

    /** True when source point (x, y) lies inside the region. */
    boolean contains(double x, double y);

    /** The geometric area in source pixels². */
    double area();

    default double minX() {
        return Math.min(x1(), x2());
    }

    default double maxX() {
        return Math.max(x1(), x2());
    }

    default double minY() {
        return Math.min(y1(), y2());
    }

    default double maxY() {
        return Math.max(y1(), y2());
    }

    record Rectangle(double x1, double y1, double x2, double y2) implements Roi {
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
        public Rectangle withPoint(int end, double x, double y) {
            return end == 1 ? new Rectangle(x, y, x2, y2) : new Rectangle(x1, y1, x, y);
        }
    }

    /** The ellipse inscribed in the box. */
    record Ellipse(double x1, double y1, double x2, double y2) implements Roi {
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
        public Ellipse withPoint(int end, double x, double y) {
            return end == 1 ? new Ellipse(x, y, x2, y2) : new Ellipse(x1, y1, x, y);
        }
    }
}
