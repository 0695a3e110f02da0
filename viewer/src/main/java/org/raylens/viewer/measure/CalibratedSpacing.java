package org.raylens.viewer.measure;

import org.raylens.viewer.dicom.DicomObject;
import org.raylens.viewer.dicom.Tag;

/**
 * The millimetres per pixel a measurement uses, and where they come from. Pixel Spacing (0028,0030) is preferred:
 * in projection radiography it is the spacing in the patient plane, and its Pixel Spacing Calibration Type
 * (0028,0A02: GEOMETRY, FIDUCIAL) says how it was calibrated; without a calibration type it may equal the detector
 * spacing, and the caveat is kept. Imager Pixel Spacing (0018,1164) is the detector's, not corrected for the
 * magnification of a divergent beam (a PA chest is about 10 % larger at the detector), and is named as such. A zero,
 * negative or missing spacing means pixels.
 *
 * @param rowMm    spacing between rows (vertical), mm; NaN when {@link SpacingSource#NONE}
 * @param columnMm spacing between columns (horizontal), mm; NaN when none
 * @param calibration the Pixel Spacing Calibration Type, or null
 */
public record CalibratedSpacing(double rowMm, double columnMm, SpacingSource source, String calibration) {

    static final int PIXEL_SPACING_CALIBRATION_TYPE = 0x00280A02;

    public static final CalibratedSpacing NONE = new CalibratedSpacing(Double.NaN, Double.NaN, SpacingSource.NONE, null);

    public static CalibratedSpacing of(DicomObject header) {
        if (header == null) {
            return NONE;
        }
        double[] ps = header.getDoubles(Tag.PixelSpacing);
        if (valid(ps)) {
            return new CalibratedSpacing(ps[0], ps[1], SpacingSource.PIXEL_SPACING,
                    header.getString(PIXEL_SPACING_CALIBRATION_TYPE));
        }
        double[] ips = header.getDoubles(Tag.ImagerPixelSpacing);
        if (valid(ips)) {
            return new CalibratedSpacing(ips[0], ips[1], SpacingSource.IMAGER_PIXEL_SPACING, null);
        }
        return NONE;
    }

    public boolean inMillimetres() {
        return source != SpacingSource.NONE;
    }

    /** "Pixel Spacing, GEOMETRY", "Imager Pixel Spacing, at detector", "no pixel spacing". */
    public String description() {
        return calibration == null ? source.description() : source.description() + ", " + calibration;
    }

    /** The length of the segment between two source points: mm when calibrated, pixels when not. */
    public double length(double x1, double y1, double x2, double y2) {
        if (!inMillimetres()) {
            return Math.hypot(x2 - x1, y2 - y1);
        }
        return Math.hypot((x2 - x1) * columnMm, (y2 - y1) * rowMm);
    }

    /**
     * The angle in degrees (0 to 180) at vertex (vx, vy) between the arms to (ax, ay) and (bx, by), measured in
     * millimetres when calibrated: with rows and columns spaced differently an angle on the pixel grid is not the
     * angle in the patient. NaN when an arm has no length.
     */
    public double angleDegrees(double ax, double ay, double vx, double vy, double bx, double by) {
        double sx = inMillimetres() ? columnMm : 1;
        double sy = inMillimetres() ? rowMm : 1;
        double ux = (ax - vx) * sx;
        double uy = (ay - vy) * sy;
        double wx = (bx - vx) * sx;
        double wy = (by - vy) * sy;
        if (Math.hypot(ux, uy) == 0 || Math.hypot(wx, wy) == 0) {
            return Double.NaN;
        }
        // atan2(|u × w|, u · w) stays exact near 0° and 180°, where acos of a normalised dot product loses digits
        return Math.toDegrees(Math.atan2(Math.abs(ux * wy - uy * wx), ux * wx + uy * wy));
    }

    /** The area of {@code pixels} source pixels: mm² when calibrated, px² when not. */
    public double area(double pixels) {
        return inMillimetres() ? pixels * rowMm * columnMm : pixels;
    }

    /** "mm" or "px". */
    public String lengthUnit() {
        return inMillimetres() ? "mm" : "px";
    }

    private static boolean valid(double[] s) {
        return s.length >= 2 && s[0] > 0 && s[1] > 0 && Double.isFinite(s[0]) && Double.isFinite(s[1]);
    }
}
