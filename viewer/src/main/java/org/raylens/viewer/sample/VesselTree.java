package org.raylens.viewer.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The pulmonary vessels: a random branching tree grown from each hilum, deterministic for a seed. Trunks leave the
 * hila towards the upper, middle and lower zones (larger towards the bases, as in an upright patient); every branch
 * splits into a major and a minor child whose radii follow roughly Murray's law, so calibre tapers towards the
 * periphery, and growth stops a few millimetres short of the pleura, leaving the outer lung nearly vessel-free as on
 * a real film. Vessels are rendered as cylinders (chord length through each segment) on a half-resolution grid.
 */
final class VesselTree {
    /** One tapering vessel segment in image millimetres: radius r0 at (x0, y0) narrowing to r1 at (x1, y1). */
    record Segment(double x0, double y0, double x1, double y1, double r0, double r1) {}

    private static final double MIN_RADIUS_MM = 0.35;

    private final ThoraxFrame frame;
    private final SoftTissue shape;
    private final SplittableRandom random;
    private final List<Segment> segments = new ArrayList<>();

    /**
     * A hilum the vessels leave from: its position in frame units, the direction that counts as "lateral" (+1 or
     * -1 in X), and its trunks as {angle in degrees (0 lateral, positive downward), radius in mm}.
     */
    record Hilum(double x, double y, int side, double[][] trunks) {}

    /** The two hila of a PA view: the left hilum sits higher than the right. */
    static List<Hilum> paHila() {
        double[][] trunks = {{-70, 5.0}, {-40, 4.6}, {-12, 4.4}, {14, 4.6}, {40, 6.0}, {68, 5.6}};
        return List.of(new Hilum(-0.205, 0.425, -1, trunks), new Hilum(0.225, 0.385, 1, trunks));
    }

    /** The lateral view's hilum, where both hila superimpose; vessels leave it in every direction. */
    static List<Hilum> lateralHila() {
        double[][] trunks = {{-125, 4.0}, {-95, 4.0}, {-60, 3.8}, {-15, 4.2}, {25, 5.0}, {55, 5.5}, {-160, 3.6}};
        return List.of(new Hilum(0.02, 0.40, 1, trunks));
    }

    VesselTree(ThoraxFrame frame, SoftTissue shape, long seed, List<Hilum> hila) {
        this.frame = frame;
        this.shape = shape;
        this.random = new SplittableRandom(seed);
        for (Hilum hilum : hila) {
            double startX = frame.column(hilum.x()) * frame.spacingMm();
            double startY = frame.row(hilum.y()) * frame.spacingMm();
            for (double[] trunk : hilum.trunks()) {
                double angle = Math.toRadians(trunk[0] + random.nextDouble(-6, 6));
                double dirX = hilum.side() * Math.cos(angle);
                double dirY = Math.sin(angle);
                grow(startX, startY, dirX, dirY, trunk[1] * random.nextDouble(0.9, 1.1), 0);
            }
        }
    }

    List<Segment> segments() {
        return segments;
    }

    private void grow(double x, double y, double dirX, double dirY, double radius, int depth) {
        if (radius < MIN_RADIUS_MM || depth > 16) {
            return;
        }
        double length = 3 + radius * random.nextDouble(3.0, 5.5);
        double ex = x + dirX * length;
        double ey = y + dirY * length;
        double margin = shape.vesselMargin(frame.toX(ex / frame.spacingMm()), frame.toY(ey / frame.spacingMm()));
        if (depth > 1 && margin < 5) {
            return; // stay clear of the pleura, the heart border and the diaphragm
        }
        segments.add(new Segment(x, y, ex, ey, radius, radius * 0.86));
        double sign = random.nextBoolean() ? 1 : -1;
        double major = Math.toRadians(random.nextDouble(6, 20)) * sign;
        double minor = -Math.toRadians(random.nextDouble(24, 46)) * sign;
        double[] a = rotate(dirX, dirY, major);
        double[] b = rotate(dirX, dirY, minor);
        grow(ex, ey, a[0], a[1], radius * random.nextDouble(0.78, 0.86), depth + 1);
        grow(ex, ey, b[0], b[1], radius * random.nextDouble(0.58, 0.70), depth + 1);
    }

    private static double[] rotate(double x, double y, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new double[] {x * c - y * s, x * s + y * c};
    }

    /**
     * Renders max-of-chords (mm) into {@code out}, a grid {@code gridColumns} wide with {@code step} full-resolution
     * pixels per cell, for grid rows [rowFrom, rowTo). Overlaps take the maximum so branch points do not double up.
     */
    void render(float[] out, int gridColumns, int gridRows, int step, int rowFrom, int rowTo) {
        double cell = step * frame.spacingMm();
        for (Segment s : segments) {
            double reach = s.r0() + cell;
            int r0 = Math.max(rowFrom, (int) Math.floor((Math.min(s.y0(), s.y1()) - reach) / cell));
            int r1 = Math.min(rowTo - 1, (int) Math.ceil((Math.max(s.y0(), s.y1()) + reach) / cell));
            if (r0 > r1) {
                continue;
            }
            int c0 = Math.max(0, (int) Math.floor((Math.min(s.x0(), s.x1()) - reach) / cell));
            int c1 = Math.min(gridColumns - 1, (int) Math.ceil((Math.max(s.x0(), s.x1()) + reach) / cell));
            double dx = s.x1() - s.x0();
            double dy = s.y1() - s.y0();
            double len2 = dx * dx + dy * dy;
            for (int r = r0; r <= r1; r++) {
                double py = r * cell - s.y0();
                for (int c = c0; c <= c1; c++) {
                    double px = c * cell - s.x0();
                    double t = len2 > 0 ? Math.max(0, Math.min(1, (px * dx + py * dy) / len2)) : 0;
                    double ox = px - t * dx;
                    double oy = py - t * dy;
                    double radius = s.r0() + (s.r1() - s.r0()) * t;
                    double chord = ThoraxShape.tube(Math.sqrt(ox * ox + oy * oy), radius);
                    int i = r * gridColumns + c;
                    if (chord > out[i]) {
                        out[i] = (float) chord;
                    }
                }
            }
        }
    }
}
