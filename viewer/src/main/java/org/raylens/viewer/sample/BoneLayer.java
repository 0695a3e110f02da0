package org.raylens.viewer.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Renders the bones of the phantom as excess attenuation (over the soft tissue they displace) into a full-resolution
 * float image: posterior and anterior rib arcs, clavicles, the thoracic spine (vertebral bodies with their end plates,
 * pedicles and spinous processes) and the humeral heads.
 *
 * <p>Long bones are bands around a centre line Y = f(X). Their cross-section is a flattened, rounded rectangle with
 * a dense cortical shell around marrow: where the beam runs along the shell's side walls the path through cortex is
 * long, which draws the bright cortical edges of a rib seen on film. Work is split into column bands so threads never
 * write the same pixel.
 */
final class BoneLayer implements Bones {
    /** Excess linear attenuation over soft tissue per mm: cortical bone and marrow. */
    static final double CORTEX = 0.031;
    static final double MARROW = 0.007;

    /** One bone band: centre line over |X| in [axFrom, axTo], both sides of the body. */
    private record Band(double axFrom, double axTo, DoubleUnaryOperator centreY, DoubleUnaryOperator halfWidthMm,
            double halfDepthMm, double cortexMm, double density, DoubleUnaryOperator fade) {}

    private final ThoraxFrame frame;
    private final List<Band> bands = new ArrayList<>();
    private final double[] vertebraY;

    BoneLayer(ThoraxFrame frame, java.util.SplittableRandom random) {
        this.frame = frame;
        double pitch = 0.0975;
        vertebraY = new double[19];
        for (int i = 0; i < vertebraY.length; i++) {
            vertebraY[i] = -0.095 + pitch * (i - 1); // index 0 is C7, 1..12 are T1..T12, then lumbar
        }
        for (int k = 1; k <= 11; k++) {
            addRib(k, random.nextDouble(-0.006, 0.006), random.nextDouble(0.92, 1.08));
        }
        addClavicle();
    }

    private void addRib(int k, double jitter, double variation) {
        double y0 = vertebraY[k] - 0.012 + jitter;
        // The rib head meets the side of its vertebral body; in projection the rib starts just lateral to the
        // pedicles and does not cross the spine.
        double axStart = (13.0 + 0.75 * k + 3) / frame.mmPerX();
        double axEnd = Math.min(0.955, 0.50 + 0.17 * k);
        double rise = (k == 1 ? 0.05 : 0.060 - 0.002 * k) * variation;
        double drop = (k == 1 ? 0.10 : 0.05 + 0.008 * k) * variation;
        double span = axEnd - axStart;
        double width = (k == 1 ? 5.0 : 5.3 + 0.12 * k) * variation;
        bands.add(new Band(axStart, axEnd,
                ax -> {
                    double t = (ax - axStart) / span;
                    // Up and out from the costovertebral joint, highest about a third of the way, then
                    // curving down to the lateral chest wall.
                    return y0 - rise * Math.sin(Math.PI * Math.pow(t, 0.75)) + drop * t * t * t;
                },
                ax -> width, 3.6, 1.15, 1.0,
                ax -> ThoraxShape.smoothstep(1.0, 0.95, (ax - axStart) / span)
                        * ThoraxShape.smoothstep(0, 0.03, (ax - axStart) / span)));

        double yLateral = y0 + drop;
        double axMedial = k == 1 ? 0.14 : 0.22 + 0.025 * k;
        double tan = k == 1 ? 0.22 : 0.62;
        double dy = tan * (axEnd - axMedial) * frame.mmPerX() / frame.mmPerY();
        double anteriorSpan = axEnd - axMedial;
        double anteriorWidth = k == 1 ? 7.5 : 7.0 + 0.1 * k;
        bands.add(new Band(axMedial, axEnd,
                ax -> {
                    double s = (axEnd - ax) / anteriorSpan; // 0 at the lateral turn, 1 at the cartilage
                    return yLateral + dy * (0.6 * s + 0.4 * (1 - (1 - s) * (1 - s)));
                },
                ax -> anteriorWidth, 2.6, 0.8, 0.55,
                ax -> {
                    double s = (axEnd - ax) / anteriorSpan;
                    return ThoraxShape.smoothstep(1.0, 0.82, s) * ThoraxShape.smoothstep(0, 0.06, s);
                }));
    }

    private void addClavicle() {
        double from = 0.075;
        double to = 1.02;
        bands.add(new Band(from, to,
                ax -> {
                    double t = (ax - from) / (to - from);
                    return 0.10 - 0.17 * t + 0.025 * Math.sin(2 * Math.PI * t);
                },
                ax -> {
                    double t = (ax - from) / (to - from);
                    return 6.8 * (1 + 0.35 * ThoraxShape.smoothstep(0.15, 0, t)
                            + 0.2 * ThoraxShape.smoothstep(0.8, 1, t));
                }, 6.0, 1.6, 1.0,
                ax -> ThoraxShape.smoothstep(0, 0.02, (ax - from) / (to - from))));
    }

    @Override
    public void render(float[] out, int colFrom, int colTo) {
        for (Band band : bands) {
            renderBand(band, out, colFrom, colTo);
        }
        renderSpine(out, colFrom, colTo);
        renderHumeralHead(out, colFrom, colTo, -1.21);
        renderHumeralHead(out, colFrom, colTo, 1.21);
    }

    private void renderBand(Band band, float[] out, int colFrom, int colTo) {
        int columns = frame.columns();
        int rows = frame.rows();
        double mm = frame.spacingMm();
        double slopeScale = frame.lungHeightPx() / frame.halfThoraxPx();
        double h = 1e-4;
        for (int side = -1; side <= 1; side += 2) {
            int c0 = (int) Math.floor(frame.column(side * band.axFrom()));
            int c1 = (int) Math.ceil(frame.column(side * band.axTo()));
            int lo = Math.max(colFrom, Math.min(c0, c1));
            int hi = Math.min(colTo, Math.max(c0, c1) + 1);
            for (int col = lo; col < hi; col++) {
                double ax = Math.abs(frame.toX(col + 0.5));
                if (ax < band.axFrom() || ax > band.axTo()) {
                    continue;
                }
                double fade = band.fade().applyAsDouble(ax) * band.density();
                if (fade <= 0) {
                    continue;
                }
                double yc = band.centreY().applyAsDouble(ax);
                double slope = (band.centreY().applyAsDouble(Math.min(ax + h, band.axTo()))
                        - band.centreY().applyAsDouble(Math.max(ax - h, band.axFrom()))) / (2 * h) * slopeScale;
                slope = Math.max(-6, Math.min(6, slope));
                double cos = 1 / Math.sqrt(1 + slope * slope);
                double halfWidth = band.halfWidthMm().applyAsDouble(ax);
                double rowCentre = frame.row(yc);
                double reach = halfWidth / mm / cos + 2;
                int r0 = Math.max(0, (int) Math.floor(rowCentre - reach));
                int r1 = Math.min(rows - 1, (int) Math.ceil(rowCentre + reach));
                for (int row = r0; row <= r1; row++) {
                    double d = (row + 0.5 - rowCentre) * cos * mm;
                    double a = shell(d, halfWidth, band.halfDepthMm(), band.cortexMm());
                    if (a > 0) {
                        out[row * columns + col] += (float) (a * fade);
                    }
                }
            }
        }
    }

    /** Excess attenuation of a hollow rounded-rectangle cross-section at distance d from its centre line. */
    static double shell(double d, double halfWidth, double halfDepth, double cortex) {
        double outer = chord(d, halfWidth, halfDepth);
        if (outer <= 0) {
            return 0;
        }
        double inner = chord(d, halfWidth - cortex, halfDepth - cortex);
        return CORTEX * (outer - inner) + MARROW * inner;
    }

    /** Beam path through a superellipse (exponent 4) of half-width w and half-depth h at offset d. */
    static double chord(double d, double w, double h) {
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double u = Math.abs(d) / w;
        if (u >= 1) {
            return 0;
        }
        double u2 = u * u;
        return 2 * h * Math.sqrt(Math.sqrt(1 - u2 * u2));
    }

    private void renderSpine(float[] out, int colFrom, int colTo) {
        double mm = frame.spacingMm();
        for (int i = 0; i < vertebraY.length; i++) {
            double halfWidthMm = 13.0 + 0.75 * Math.min(i, 15);
            double halfHeightMm = 0.40 * 0.0975 * frame.mmPerY();
            double cy = frame.row(vertebraY[i]);
            double cx = frame.centreX();
            int c0 = Math.max(colFrom, (int) (cx - halfWidthMm / mm) - 2);
            int c1 = Math.min(colTo, (int) (cx + halfWidthMm / mm) + 3);
            int r0 = Math.max(0, (int) (cy - 1.7 * halfHeightMm / mm));
            int r1 = Math.min(frame.rows() - 1, (int) (cy + 1.7 * halfHeightMm / mm));
            for (int row = r0; row <= r1; row++) {
                double dy = (row + 0.5 - cy) * mm;
                for (int col = c0; col < c1; col++) {
                    double dx = (col + 0.5 - cx) * mm;
                    double a = vertebra(dx, dy, halfWidthMm, halfHeightMm);
                    if (a > 0) {
                        out[row * frame.columns() + col] += (float) a;
                    }
                }
            }
        }
    }

    /** A vertebra seen front-on: body with cortical rim (end plates, side walls), pedicle rings, spinous process. */
    private static double vertebra(double dx, double dy, double w, double h) {
        double a = 0;
        double ux = Math.abs(dx) / w;
        double uy = Math.abs(dy) / h;
        double q = ux * ux * ux * ux + uy * uy * uy * uy;
        if (q < 1) {
            double inset = (1 - Math.sqrt(Math.sqrt(q))) * Math.min(w, h); // mm to the outline, roughly
            // Cancellous bone plus a cortical rim (end plates, side walls) that fades over ~2 mm.
            a += 0.045 + 0.05 * Math.max(0, 1 - inset / 2.0);
        }
        for (int side = -1; side <= 1; side += 2) {
            double px = (dx - side * 0.66 * w) / (0.17 * w);
            double py = (dy + 0.18 * h) / (0.42 * h);
            double r = Math.sqrt(px * px + py * py);
            double ringMm = Math.abs(r - 1) * 0.17 * w;
            if (ringMm < 1.2) {
                a += 0.06 * (1 - ringMm / 1.2);
            } else if (r < 1) {
                a += 0.015;
            }
        }
        double sx = dx / (0.11 * w);
        double sy = (dy - 0.55 * h) / (0.45 * h);
        double s = sx * sx + sy * sy;
        if (s < 1) {
            a += 0.03 + (s > 0.6 ? 0.03 : 0);
        }
        return a;
    }

    private void renderHumeralHead(float[] out, int colFrom, int colTo, double x) {
        double mm = frame.spacingMm();
        double radius = 26;
        double cx = frame.column(x);
        double cy = frame.row(0.02);
        int c0 = Math.max(colFrom, (int) (cx - radius / mm) - 1);
        int c1 = Math.min(colTo, (int) (cx + radius / mm) + 2);
        int r0 = Math.max(0, (int) (cy - radius / mm) - 1);
        int r1 = Math.min(frame.rows() - 1, (int) (cy + radius / mm) + 1);
        for (int row = r0; row <= r1; row++) {
            double dy = (row + 0.5 - cy) * mm;
            for (int col = c0; col < c1; col++) {
                double dx = (col + 0.5 - cx) * mm;
                double d = Math.sqrt(dx * dx + dy * dy);
                double outer = ThoraxShape.tube(d, radius);
                if (outer > 0) {
                    double inner = ThoraxShape.tube(d, radius - 2.2);
                    out[row * frame.columns() + col] += (float) (CORTEX * (outer - inner) + 0.5 * MARROW * inner);
                }
            }
        }
    }
}
