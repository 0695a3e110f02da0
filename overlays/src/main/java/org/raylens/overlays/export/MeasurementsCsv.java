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
 * of that map's mass inside. Coordinates are source pixels (origin at the top-left corner of the top-left pixel);
 * numbers at full precision. The image column is what the caller names the image by; no patient attribute is added.
 */
public final class MeasurementsCsv {

    static final String HEADER = "image,index,kind,x1,y1,x2,y2,length,area,unit,spacing,values_of,count,mean,sd,min,"
            + "max,mass_share";

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
            if (m instanceof Measurement.Distance d) {
                row(sb, image, i, "distance", d.x1(), d.y1(), d.x2(), d.y2(),
                        spacing.length(d.x1(), d.y1(), d.x2(), d.y2()), Double.NaN, spacing, null, null, Double.NaN);
                continue;
            }
            Roi roi = (Roi) m;
            String kind = roi instanceof Roi.Ellipse ? "ellipse" : "rectangle";
            double area = spacing.area(roi.area());
            if (img != null) {
                row(sb, image, i, kind, roi.x1(), roi.y1(), roi.x2(), roi.y2(), Double.NaN, area, spacing, "image",
                        layer.imageStatistics(roi, img), Double.NaN);
            }
            for (HeatmapLayer h : layer.visibleHeatmaps()) {
                HeatmapRoiStatistics s = layer.heatmapStatistics(roi, h);
                row(sb, image, i, kind, roi.x1(), roi.y1(), roi.x2(), roi.y2(), Double.NaN, area, spacing, h.label(),
                        s.values(), s.massShare());
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String image, int index, String kind, double x1, double y1, double x2,
            double y2, double length, double area, CalibratedSpacing spacing, String valuesOf, RoiStatistics s,
            double share) {
        String unit = Double.isNaN(area) ? spacing.lengthUnit() : spacing.lengthUnit() + "\u00b2";
        sb.append(ScoresCsv.field(image)).append(',').append(index).append(',').append(kind).append(',')
                .append(x1).append(',').append(y1).append(',').append(x2).append(',').append(y2).append(',')
                .append(number(length)).append(',').append(number(area)).append(',').append(unit).append(',')
                .append(ScoresCsv.field(spacing.description())).append(',').append(ScoresCsv.field(valuesOf))
                .append(',').append(s == null ? "" : Long.toString(s.count())).append(',')
                .append(s == null ? "" : number(s.mean())).append(',')
                .append(s == null ? "" : number(s.standardDeviation())).append(',')
                .append(s == null ? "" : number(s.min())).append(',').append(s == null ? "" : number(s.max()))
                .append(',').append(number(share)).append("\r\n");
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
