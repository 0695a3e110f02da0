package org.raylens.viewer.sample;

/**
 * The soft-tissue shapes of the phantom in {@link ThoraxFrame} units: body outline and thickness, the two lungs
 * (bounded by the chest wall, the apex, the mediastinum and heart, and the diaphragm domes), the air of the trachea
 * and main bronchi, and the gastric bubble. All results are physical: thicknesses and depths in millimetres.
 *
 * <p>Each lung is described by signed margins to its four boundaries; the smallest is the distance inside the lung,
 * and the depth of aerated lung along the beam grows like the square root of that distance, as the chord of a
 * rounded body does near its edge, which gives the sharp but curved lung edges of a real film. A second, thinner
 * "posterior" lung reaches the spine and dips below the domes: it is the lung behind the heart and in the posterior
 * costophrenic recesses, which keeps the heart and the upper abdomen from looking like flat cut-outs.
 */
final class ThoraxShape implements SoftTissue {
    /** Right (image-left) and left (image-right) dome heights in Y units: the right dome sits higher. */
    private final double rightDome;
    private final double leftDome;
    private final double heartScale;
    private final double mmX;
    private final double mmY;

    ThoraxShape(ThoraxFrame frame, double heartScale) {
        this.mmX = frame.mmPerX();
        this.mmY = frame.mmPerY();
        this.rightDome = 0.80;
        this.leftDome = 0.855;
        this.heartScale = heartScale;
    }

    // ---- body --------------------------------------------------------------------------------------------------

    /** Soft-tissue thickness along the beam in mm (0 outside the body). */
    @Override
    public double bodyThickness(double x, double y) {
        double ax = Math.abs(x);
        // Shoulders slope down laterally from the neck; above them is air.
        double shoulderTop = -0.30 + 0.30 * smoothstep(0.30, 1.35, ax);
        if (y < shoulderTop) {
            return 0;
        }
        double halfWidth = 1.10 + 0.03 * clamp(y, 0, 0.9) + 0.45 * smoothstep(0.16, -0.12, y)
                - 0.06 * clamp(y - 0.9, 0, 1);
        double u = ax / halfWidth;
        if (u >= 1) {
            return 0;
        }
        double depth = 225 * (0.55 + 0.45 * smoothstep(-0.30, 0.10, y));
        double edge = smoothstep(0, 4, (y - shoulderTop) * mmY); // a rounded skin line over the shoulders
        // Neck and shoulder-girdle muscles over the apices, pectoral muscles over the upper lateral fields.
        double muscles = 35 * smoothstep(0.16, -0.06, y) * smoothstep(1.0, 0.5, ax)
                + 22 * gauss((ax - 0.72) / 0.25) * gauss((y - 0.22) / 0.16);
        return (depth * Math.sqrt(1 - u * u) + muscles * Math.sqrt(1 - u * u)) * edge;
    }

    // ---- lungs ------------------------------------------------------------------------------------------------

    /** Depth of aerated lung along the beam, mm: the main lung fields plus the thinner posterior lung. */
    @Override
    public double lungDepth(double x, double y) {
        return Math.max(mainLungDepth(x, y), posteriorLungDepth(x, y));
    }

    /** The depth of the lung fields proper (zero over the heart and mediastinum). */
    double mainLungDepth(double x, double y) {
        double m = mainMargin(x, y);
        if (m <= -1) {
            return 0;
        }
        double base = 150 * (0.72 + 0.28 * clamp(y / 0.65, 0, 1));
        return base * Math.sqrt(clamp((m + 1) / 38, 0, 1));
    }

    private double posteriorLungDepth(double x, double y) {
        double ax = Math.abs(x);
        double right = x < 0 ? 1 : 0;
        double dome = right * rightDome + (1 - right) * leftDome;
        double mMedial = (ax - 0.10) * mmX;
        double mLateral = (lateralWall(y) - ax) * mmX;
        double mApex = (y - apex(ax)) * mmY;
        double mDiaphragm = (diaphragm(ax, dome) + 0.075 - y) * mmY;
        double m = Math.min(Math.min(mMedial, mLateral), Math.min(mApex, mDiaphragm));
        if (m <= -1) {
            return 0;
        }
        // Thin behind the upper mediastinum, thicker behind the heart, where the lower lobes lie.
        double depth = 18 + 22 * smoothstep(0.30, 0.65, y);
        return depth * Math.sqrt(clamp((m + 1) / 45, 0, 1));
    }

    @Override
    public double vesselMargin(double x, double y) {
        return mainMargin(x, y);
    }

    /** Signed distance in mm inside the main lung field of the side x lies on (negative outside). */
    double mainMargin(double x, double y) {
        double ax = Math.abs(x);
        boolean right = x < 0;
        double dome = right ? rightDome : leftDome;
        double mLateral = (lateralWall(y) - ax) * mmX;
        double mMedial = (ax - (right ? rightBorder(y) : leftBorder(y))) * mmX;
        double mApex = (y - apex(ax)) * mmY;
        double mDiaphragm = (diaphragm(ax, dome) - y) * mmY;
        return Math.min(Math.min(mLateral, mMedial), Math.min(mApex, mDiaphragm));
    }

    private static double lateralWall(double y) {
        return 0.925 + 0.035 * clamp(y, 0, 1);
    }

    /** The apical dome: the top of the lung as a function of distance from the midline. */
    private static double apex(double ax) {
        double u = (ax - 0.50) / 0.44;
        return -0.02 + 0.30 * u * u;
    }

    /** Diaphragm: highest near mid-clavicular line, falling to the costophrenic and cardiophrenic angles. */
    private static double diaphragm(double ax, double dome) {
        double u = (ax - 0.47) / 0.47;
        return dome + (u > 0 ? 0.21 : 0.10) * u * u;
    }

    /** Right heart / mediastinal border (patient's right): SVC above, right atrium bulging below. */
    private double rightBorder(double y) {
        double atrium = 0.115 * heartScale * hump(y, 0.52, 0.90, 1.0);
        // Upper mediastinum (SVC, brachiocephalic vessels) is wider above the hilum than the trachea alone.
        double upper = 0.07 * smoothstep(0.45, 0.10, y);
        return 0.115 + 0.02 * clamp(y, 0, 1) + Math.max(atrium, upper);
    }

    /** Left border: aortic knob, pulmonary trunk, then the left ventricle reaching far out to the dome. */
    private double leftBorder(double y) {
        double knob = 0.12 * gauss((y - 0.22) / 0.055);
        double trunk = 0.085 * gauss((y - 0.35) / 0.05);
        double ventricle = 0.47 * heartScale * hump(y, 0.38, 1.0, 1.45);
        double upper = 0.06 * smoothstep(0.40, 0.05, y);
        return 0.095 + Math.max(upper + knob + trunk, ventricle + 0.5 * trunk);
    }

    // ---- air outside the lungs ---------------------------------------------------------------------------------

    /** Air path length in mm through the trachea, the main bronchi and the gastric bubble. */
    @Override
    public double otherAir(double x, double y) {
        double carinaX = -0.012;
        double carinaY = 0.30;
        double air = 0;
        if (y < carinaY) {
            air = Math.max(air, 1.3 * tube((x - carinaX) * mmX, 8.5));
        }
        air = Math.max(air, capsule(x, y, carinaX, carinaY, -0.21, 0.43, 6.5));
        air = Math.max(air, capsule(x, y, carinaX, carinaY, 0.22, 0.40, 5.5));
        // Gastric bubble under the left dome, with a flat air-fluid level at its bottom.
        double bx = (x - 0.40) / 0.11;
        double by = (y - (leftDome + 0.10)) / 0.045;
        double r2 = bx * bx + by * by;
        if (r2 < 1 && by < 0.25) {
            air = Math.max(air, 30 * Math.sqrt(1 - r2) * smoothstep(0.25, 0.1, by));
        }
        return air;
    }

    private double capsule(double x, double y, double x0, double y0, double x1, double y1, double radiusMm) {
        double px = (x - x0) * mmX;
        double py = (y - y0) * mmY;
        double dx = (x1 - x0) * mmX;
        double dy = (y1 - y0) * mmY;
        double t = clamp((px * dx + py * dy) / (dx * dx + dy * dy), 0, 1);
        double ex = px - t * dx;
        double ey = py - t * dy;
        return tube(Math.sqrt(ex * ex + ey * ey), radiusMm);
    }

    /** Chord in mm through a cylinder of the given radius at distance d from its axis. */
    static double tube(double d, double radius) {
        double q = radius * radius - d * d;
        return q > 0 ? 2 * Math.sqrt(q) : 0;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** A smooth bump that is 0 outside (a, b) and peaks at 1, skewed towards b when {@code skew} > 1. */
    static double hump(double y, double a, double b, double skew) {
        if (y <= a || y >= b) {
            return 0;
        }
        double u = Math.pow((y - a) / (b - a), skew);
        return Math.pow(Math.sin(Math.PI * u), 0.55);
    }

    static double gauss(double u) {
        return Math.exp(-u * u);
    }

    static double smoothstep(double edge0, double edge1, double v) {
        double t = clamp((v - edge0) / (edge1 - edge0), 0, 1);
        return t * t * (3 - 2 * t);
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }
}
