package org.raylens.overlays.export;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.raylens.overlays.annotation.HeatmapRoiStatistics;
import org.raylens.overlays.annotation.MeasurementLayer;
import org.raylens.overlays.layer.HeatmapLayer;
import org.raylens.viewer.image.DisplayableImage;
import org.raylens.viewer.measure.CalibratedSpacing;
import org.raylens.viewer.measure.Measurement;
import org.raylens.viewer.measure.Roi;
import org.raylens.viewer.measure.RoiStatistics;

/**
 * The measurements of the shown image as CSV (RFC 4180, CRLF), one row per measurement and per value source: a
 * distance gives one row; an ROI one row for the image (modality units) and one per visible heatmap, with the share
 * of that map's mass inside; an angle one row with its degrees (measured in mm). x1..y2 are a distance's ends, a
 * box ROI's corners, an angle's arm ends, a freehand ROI's bounding box; {@code points} lists every defining point
 * as "x y" pairs separated by ";" (a freehand outline in drawing order, an angle's vertex in the middle). Coordinates are source pixels (origin at the top-left corner of the top-left pixel);
 * numbers at full precision. The image column is what the caller names the image by; no patient attribute is added.
 */
public final class MeasurementsCsv {

    static final String HEADER = "image,index,kind,x1,y1,x2,y2,length,area,unit,spacing,values_of,count,mean,sd,min,"
            + "max,mass_share,angle_deg,points";

    private MeasurementsCsv() {}

    public static void write(Path target, String image, MeasurementLayer layer, boolean overwrite)
            throws ExportException {
        byte[] bytes = format(image, layer).getBytes(StandardCharsets.UTF_8);
        AtomicExport.write(target, overwrite, out -> out.write(bytes));
    }

    static String format(String image, MeasurementLayer layer) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        CalibratedSpacing spacing = layer.spacing();
        DisplayableImage img = layer.image();
        List<Measurement> all = layer.store().current();
        for (int i = 0; i < all.size(); i++) {
            Measurement m = all.get(i);
            String points = points(m);
            if (m instanceof Measurement.Distance d) {
                row(sb, image, i, "distance", new double[] {d.x1(), d.y1(), d.x2(), d.y2()},
                        spacing.length(d.x1(), d.y1(), d.x2(), d.y2()), Double.NaN, spacing, null, null, Double.NaN,
                        Double.NaN, points);
                continue;
            }
            if (m instanceof Measurement.Angle a) {
                row(sb, image, i, "angle", new double[] {a.ax(), a.ay(), a.bx(), a.by()}, Double.NaN, Double.NaN,
                        spacing, null, null, Double.NaN,
                        spacing.angleDegrees(a.ax(), a.ay(), a.vx(), a.vy(), a.bx(), a.by()), points);
                continue;
            }
            Roi roi = (Roi) m;
            String kind = roi instanceof Roi.Ellipse ? "ellipse" : roi instanceof Roi.Freehand ? "freehand" : "rectangle";
            double[] box = roi instanceof Roi.Box b ? new double[] {b.x1(), b.y1(), b.x2(), b.y2()}
                    : new double[] {roi.minX(), roi.minY(), roi.maxX(), roi.maxY()};
            double area = spacing.area(roi.area());
            if (img != null) {
                row(sb, image, i, kind, box, Double.NaN, area, spacing, "image", layer.imageStatistics(roi, img),
                        Double.NaN, Double.NaN, points);
            }
            for (HeatmapLayer h : layer.visibleHeatmaps()) {
                HeatmapRoiStatistics s = layer.heatmapStatistics(roi, h);
                row(sb, image, i, kind, box, Double.NaN, area, spacing, h.label(), s.values(), s.massShare(),
                        Double.NaN, points);
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String image, int index, String kind, double[] corners, double length,
            double area, CalibratedSpacing spacing, String valuesOf, RoiStatistics s, double share, double degrees,
            String points) {
        double x1 = corners[0];
        double y1 = corners[1];
        double x2 = corners[2];
        double y2 = corners[3];
        String unit = !Double.isNaN(degrees) || "angle".equals(kind) ? "deg"
                : Double.isNaN(area) ? spacing.lengthUnit() : spacing.lengthUnit() + "\u00b2";
        sb.append(ScoresCsv.field(image)).append(',').append(index).append(',').append(kind).append(',')
                .append(x1).append(',').append(y1).append(',').append(x2).append(',').append(y2).append(',')
                .append(number(length)).append(',').append(number(area)).append(',').append(unit).append(',')
                .append(ScoresCsv.field(spacing.description())).append(',').append(ScoresCsv.field(valuesOf))
                .append(',').append(s == null ? "" : Long.toString(s.count())).append(',')
                .append(s == null ? "" : number(s.mean())).append(',')
                .append(s == null ? "" : number(s.standardDeviation())).append(',')
                .append(s == null ? "" : number(s.min())).append(',').append(s == null ? "" : number(s.max()))
                .append(',').append(number(share)).append(',').append(number(degrees)).append(',').append(points)
                .append("\r\n");
    }

    /** "x y;x y;…", full precision: the shape can be redrawn from the file. */
    private static String points(Measurement m) {
        StringBuilder sb = new StringBuilder();
        for (Measurement.Point p : m.points()) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(p.x()).append(' ').append(p.y());
        }
        return sb.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
