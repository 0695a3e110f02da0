package org.raylens.viewer.sample;

/**
 * Soft tissue of a left lateral view of the same synthetic patient, displayed facing the viewer's left: X runs from
 * anterior (negative, the sternum near -0.72) to posterior (positive, the back near +0.82); Y is the PA's apex-to-dome
 * axis. The beam crosses the chest from side to side, so it passes both lungs: lung depth is the sum of a right and
 * a left lung, each ending at its own hemidiaphragm (the right one higher), and the heart, the aorta and the upper
 * mediastinum take their width out of that sum. This gives the retrosternal and retrocardiac clear spaces, the heart
 * sitting on the anterior diaphragm and the deep posterior costophrenic sulci of a real lateral film.
 */
final class LateralShape implements SoftTissue {
    private static final double ANTERIOR_WALL = -0.70;
    private static final double POSTERIOR_WALL = 0.70;

    private final double mmX;
    private final double mmY;
    private final double heartScale;

    LateralShape(ThoraxFrame frame, double heartScale) {
        this.mmX = frame.mmPerX();
        this.mmY = frame.mmPerY();
        this.heartScale = heartScale;
    }

    @Override
    public double bodyThickness(double x, double y) {
        double anterior = -0.80 + 0.10 * ThoraxShape.smoothstep(0.15, -0.20, y); // the neck sits further back
        double posterior = 0.84 - 0.04 * ThoraxShape.smoothstep(0.15, -0.20, y);
        double centre = (anterior + posterior) / 2;
        double half = (posterior - anterior) / 2;
        double u = (x - centre) / half;
        if (Math.abs(u) >= 1) {
            return 0;
        }
        // Side to side the chest is wider than it is deep; the shoulders add their width at the top.
        double width = 300 + 90 * ThoraxShape.smoothstep(0.20, -0.10, y) * ThoraxShape.gauss((x - 0.15) / 0.5);
        return width * Math.pow(1 - u * u, 0.35);
    }

    @Override
    public double lungDepth(double x, double y) {
        double right = oneLung(x, y, 0.0);
        double left = oneLung(x, y, 0.045);
        double occupied = heart(x, y) + aorta(x, y) + upperMediastinum(x, y) + hilum(x, y);
        return Math.max(0, right + left - occupied);
    }

    /** One lung's side-to-side depth, its diaphragm lowered by {@code domeShift}. */
    private double oneLung(double x, double y, double domeShift) {
        double m = margin(x, y, domeShift);
        if (m <= -1) {
            return 0;
        }
        return 105 * Math.sqrt(ThoraxShape.clamp((m + 1) / 40, 0, 1));
    }

    private double margin(double x, double y, double domeShift) {
        double mAnterior = (x - ANTERIOR_WALL) * mmX;
        double mPosterior = (POSTERIOR_WALL - x) * mmX;
        double u = (x - 0.10) / 0.62;
        double mApex = (y - (-0.03 + 0.28 * u * u)) * mmY;
        double mDiaphragm = (diaphragm(x) + domeShift - y) * mmY;
        return Math.min(Math.min(mAnterior, mPosterior), Math.min(mApex, mDiaphragm));
    }

    /** Highest a little anterior of centre, lowest in the posterior costophrenic sulcus. */
    private static double diaphragm(double x) {
        double u = (x + 0.22) / 0.55;
        return 0.70 + (u > 0 ? 0.10 : 0.08) * u * u;
    }

    /** Side-to-side width of the heart in mm: anterior and inferior, resting on the diaphragm. */
    private double heart(double x, double y) {
        double hx = (x + 0.24) / (0.36 * heartScale);
        double hy = (y - 0.67) / (0.27 * heartScale);
        double r2 = hx * hx + hy * hy;
        return r2 < 1 ? 115 * Math.pow(1 - r2, 0.7) : 0;
    }

    /** Ascending aorta, arch and descending aorta as one curved tube seen from the side. */
    private double aorta(double x, double y) {
        double width = 0;
        // arch: a half ellipse from the ascending (x -0.22) to the descending (x 0.30) aorta, top at y 0.17
        double ax = (x - 0.04) / 0.26;
        double ay = (y - 0.36) / 0.19;
        double r = Math.sqrt(ax * ax + ay * ay);
        if (y < 0.36) {
            width = Math.max(width, ThoraxShape.tube((r - 1) * 0.22 * mmX, 14) * 1.6);
        }
        if (y >= 0.36) {
            width = Math.max(width, ThoraxShape.tube((x - 0.30) * mmX, 12) * 1.2);
            width = Math.max(width, ThoraxShape.tube((x + 0.22) * mmX, 15) * 1.4 * ThoraxShape.smoothstep(0.5, 0.4, y));
        }
        return width;
    }

    /** The pulmonary arteries and hilar soft tissue under the arch. */
    private double hilum(double x, double y) {
        double hx = (x - 0.06) / 0.17;
        double hy = (y - 0.42) / 0.12;
        double r2 = hx * hx + hy * hy;
        return r2 < 1 ? 38 * Math.pow(1 - r2, 1.5) : 0;
    }

    private double upperMediastinum(double x, double y) {
        // Great vessels and oesophagus above the arch fill the middle of the thoracic inlet.
        return 55 * ThoraxShape.gauss((x - 0.05) / 0.22) * ThoraxShape.smoothstep(0.30, 0.05, y);
    }

    @Override
    public double vesselMargin(double x, double y) {
        double m = margin(x, y, 0);
        double hx = (x + 0.24) / (0.36 * heartScale);
        double hy = (y - 0.67) / (0.27 * heartScale);
        double heartMargin = (Math.sqrt(hx * hx + hy * hy) - 1) * 0.3 * mmX;
        return Math.min(m, heartMargin);
    }

    @Override
    public double otherAir(double x, double y) {
        double air = 0;
        // Trachea: down and slightly back from the neck to the carina behind the arch.
        if (y < 0.33) {
            double cx = -0.10 + 0.14 * ThoraxShape.clamp((y + 0.2) / 0.53, 0, 1);
            air = Math.max(air, ThoraxShape.tube((x - cx) * mmX, 9) * 1.1);
        }
        // Gastric bubble under the left hemidiaphragm.
        double bx = (x + 0.15) / 0.16;
        double by = (y - 0.83) / 0.05;
        double r2 = bx * bx + by * by;
        if (r2 < 1 && by < 0.3) {
            air = Math.max(air, 40 * Math.sqrt(1 - r2));
        }
        return air;
    }
}
