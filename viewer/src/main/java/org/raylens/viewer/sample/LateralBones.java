package org.raylens.viewer.sample;

import java.util.SplittableRandom;

/**
 * Bones of the lateral view: the thoracic spine in profile (vertebral bodies with bright end plates and disc spaces,
 * pedicles and spinous processes behind them, in a gentle kyphosis), the sternum along the anterior chest wall,
 * the posterior ribs of both sides sweeping down and forward (the far side slightly magnified, so the pairs do not
 * superimpose), and the scapulae over the upper back.
 */
final class LateralBones implements Bones {
    private final ThoraxFrame frame;
    private final double[] ribJitter = new double[11];

    LateralBones(ThoraxFrame frame, SplittableRandom random) {
        this.frame = frame;
        for (int i = 0; i < ribJitter.length; i++) {
            ribJitter[i] = random.nextDouble(-0.006, 0.006);
        }
    }

    @Override
    public void render(float[] out, int colFrom, int colTo) {
        int columns = frame.columns();
        int rows = frame.rows();
        for (int col = colFrom; col < colTo; col++) {
            double x = frame.toX(col + 0.5);
            // Spine, sternum and scapulae occupy narrow ranges of X: only those columns evaluate them per pixel.
            boolean spineColumn = x > 0.28 && x < 1.05;
            boolean sternumColumn = x > -0.80 && x < -0.62;
            boolean scapulaColumn = x > 0.36 && x < 0.90;
            if (spineColumn || sternumColumn || scapulaColumn) {
                for (int row = 0; row < rows; row++) {
                    double y = frame.toY(row + 0.5);
                    double a = (spineColumn ? spine(x, y) : 0) + (sternumColumn ? sternum(x, y) : 0)
                            + (scapulaColumn ? scapulae(x, y) : 0);
                    if (a > 0) {
                        out[row * columns + col] += (float) a;
                    }
                }
            }
            renderRibs(out, col, x);
        }
    }

    /** Front of the vertebral bodies as a function of height: a gentle thoracic kyphosis. */
    private static double spineFront(double y) {
        return 0.33 + 0.07 * Math.sin(Math.PI * ThoraxShape.clamp((y + 0.15) / 1.25, 0, 1));
    }

    private double spine(double x, double y) {
        double front = spineFront(y);
        double pitch = 0.0975;
        double k = (y + 0.095) / pitch + 1; // vertebra index as in the PA view
        double within = k - Math.floor(k) - 0.5; // -0.5..0.5 within one level
        double depthX = 0.26; // AP depth of a body in X units
        double dx = (x - front) / depthX; // 0..1 across the body
        double a = 0;
        if (dx >= 0 && dx <= 1) {
            double halfBody = 0.40; // body height as a fraction of the pitch
            double v = Math.abs(within) / halfBody;
            if (v < 1) {
                double plate = (1 - v) * halfBody * pitch * frame.mmPerY();
                double wall = Math.min(dx, 1 - dx) * depthX * frame.mmPerX();
                a += 0.10 + (plate < 1.4 || wall < 1.2 ? 0.16 : 0);
            }
        }
        // Pedicles and laminae behind the body, spinous processes sloping down further back.
        double p = (x - (front + 0.30)) / 0.06;
        if (Math.abs(p) < 1 && Math.abs(within) < 0.32) {
            a += 0.06 * (1 - p * p);
        }
        double s = x - (front + 0.42) - 0.25 * (within + 0.5) * pitch;
        if (s > 0 && s < 0.10 && Math.abs(within - 0.1) < 0.18) {
            a += 0.05;
        }
        return a;
    }

    private double sternum(double x, double y) {
        if (y < -0.04 || y > 0.66) {
            return 0;
        }
        double centre = -0.70 + 0.04 * y;
        double halfDepth = (y < 0.14 ? 9.0 : 6.0) / frame.mmPerX();
        double d = Math.abs(x - centre) / halfDepth;
        if (d >= 1) {
            return 0;
        }
        double edge = (1 - d) * halfDepth * frame.mmPerX();
        return 0.10 + (edge < 1.3 ? 0.14 : 0);
    }

    /** Ribs in one column: each rib's centre line is a function of X, so only rows near it are visited. */
    private void renderRibs(float[] out, int col, double x) {
        double mm = frame.spacingMm();
        double slopeScale = frame.lungHeightPx() / frame.halfThoraxPx();
        for (int k = 1; k <= 10; k++) {
            for (int side = 0; side < 2; side++) {
                double t = ribT(x, side);
                if (t < 0 || t > 0.75) {
                    continue;
                }
                double yc = ribCentre(k, side, t);
                double slope = (ribCentre(k, side, ribT(x + 1e-4, side)) - ribCentre(k, side, ribT(x - 1e-4, side)))
                        / 2e-4 * slopeScale;
                double cos = 1 / Math.sqrt(1 + Math.min(36, slope * slope));
                double fade = 0.75 * ThoraxShape.smoothstep(0.75, 0.45, t);
                double rowCentre = frame.row(yc);
                double reach = 5.5 / mm / cos + 2;
                int r0 = Math.max(0, (int) (rowCentre - reach));
                int r1 = Math.min(frame.rows() - 1, (int) (rowCentre + reach));
                for (int row = r0; row <= r1; row++) {
                    double d = (row + 0.5 - rowCentre) * cos * mm;
                    double a = BoneLayer.shell(d, 5.5, 3.2, 1.0);
                    if (a > 0) {
                        out[row * frame.columns() + col] += (float) (a * fade);
                    }
                }
            }
        }
    }

    /** Position along a rib: 0 at the back, 1 at the front. The far side (1) sits a little further back. */
    private static double ribT(double x, int side) {
        return (0.62 + 0.04 * side - x) / 1.25;
    }

    /** Ribs leave the spine, rise briefly, then sweep down and forward; the far side is magnified by 7 %. */
    private double ribCentre(int k, int side, double t) {
        double scale = side == 0 ? 1.0 : 1.07;
        double y0 = (-0.095 + 0.0975 * (k - 1) + ribJitter[k]) * scale - 0.03 * side;
        return y0 - 0.05 * Math.sin(Math.PI * Math.min(t * 2.5, 1)) + 0.42 * t * t + 0.08 * t;
    }

    private double scapulae(double x, double y) {
        double a = 0;
        for (int side = 0; side < 2; side++) {
            // The lateral border of each scapula: a long oblique line over the upper back.
            double xTop = 0.42 + 0.05 * side;
            double slope = 0.55;
            double yTop = 0.02 + 0.03 * side;
            if (y < yTop || y > yTop + 0.42) {
                continue;
            }
            double centre = xTop + slope * (y - yTop) * frame.mmPerY() / frame.mmPerX() * 0.35;
            double d = (x - centre) * frame.mmPerX();
            a += 0.6 * BoneLayer.shell(d, 4.0, 6.0, 1.2);
        }
        return a;
    }
}
