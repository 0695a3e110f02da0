package org.raylens.overlays.export;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.raylens.overlays.chart.ScoreRow;
import org.raylens.overlays.figure.Provenance;

/**
 * Batch export of adapter scores as CSV (RFC 4180: comma separated, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break), one row per image and label. Scores are written at full precision (Java's shortest
 * exact decimal for the double), so the file reproduces what the adapter returned, not what the chart rounded.
 * The image column holds what the caller chose to identify the image by (a file name or SOP Instance UID): no
 * patient attribute is added here.
 */
public final class ScoresCsv {

    /** The scores of one image. */
    public record ScoredImage(String image, List<ScoreRow> rows) {
        public ScoredImage {
            Objects.requireNonNull(image, "image");
            rows = List.copyOf(rows);
        }
    }

    static final String HEADER =
            "image,label,score,threshold,above_threshold,model,weights_sha256,adapter,preprocessing,raylens_version";

    private ScoresCsv() {}

    public static void write(Path target, List<ScoredImage> images, Provenance provenance, boolean overwrite)
            throws ExportException {
        String text = format(images, provenance);
        AtomicExport.write(target, overwrite, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(text);
            w.flush();
        });
    }

    static String format(List<ScoredImage> images, Provenance provenance) {
        StringBuilder sb = new StringBuilder(HEADER).append("\r\n");
        for (ScoredImage image : images) {
            for (ScoreRow row : image.rows()) {
                sb.append(field(image.image())).append(',').append(field(row.label())).append(',')
                        .append(number(row.score())).append(',').append(number(row.threshold())).append(',')
                        .append(Double.isNaN(row.threshold()) ? "" : row.above() ? "yes" : "no").append(',')
                        .append(field(provenance.model())).append(',').append(field(provenance.weightsSha256()))
                        .append(',').append(field(provenance.adapter())).append(',')
                        .append(field(provenance.preprocessing())).append(',')
                        .append(field(provenance.raylensVersion())).append("\r\n");
            }
        }
        return sb.toString();
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    static String field(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || s.startsWith(" ") || s.endsWith(" ")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
