package org.raylens.viewer.image;

/**
 * The affine map from view (screen) coordinates to source image coordinates, in pixels with (0,0) at the top-left
 * corner of the top-left pixel: {@code sx = a·vx + b·vy + c}, {@code sy = d·vx + e·vy + f}. Zoom, pan, rotation by
 * multiples of 90° and flips are all of this form; overlays use the same map so they follow the image exactly.
 */
public record ViewTransform(double a, double b, double c, double d, double e, double f) {

    /** Uniform zoom ({@code scale} view pixels per source pixel) with the source point (sx0, sy0) at view (0, 0). */
    public static ViewTransform zoomPan(double scale, double sx0, double sy0) {
        return new ViewTransform(1 / scale, 0, sx0, 0, 1 / scale, sy0);
    }

    public double toSourceX(double vx, double vy) {
        return a * vx + b * vy + c;
    }

    public double toSourceY(double vx, double vy) {
        return d * vx + e * vy + f;
    }

    /** The inverse map, from source to view coordinates, as {vx, vy}. */
    public double[] toView(double sx, double sy) {
        double det = a * e - b * d;
        double x = sx - c;
        double y = sy - f;
        return new double[] {(e * x - b * y) / det, (-d * x + a * y) / det};
    }

    /** View pixels per source pixel along the view's x axis. */
    public double scale() {
        return 1 / Math.hypot(a, d);
    }
}
