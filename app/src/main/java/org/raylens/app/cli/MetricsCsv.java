package org.raylens.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.raylens.core.io.AtomicFiles;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.explain.metrics.FaithfulnessMetrics;

/**
 * The one CSV of a map's faithfulness metrics, written by {@code raylens explain --metrics} and by the window's
 * "Save metrics CSV…": one row per metric (RFC 4180) with the map's method, the metrics' settings and the map's
 * provenance, so a figure and its numbers can be traced to the same run.
 */
public final class MetricsCsv {
    /** The header row. */
    public static final String HEADER = "metric,value,method,settings,provenance";

    private MetricsCsv() {
    }

    /** The CSV text of {@code report}, computed for {@code map}. */
    public static String text(PatchMap map, FaithfulnessMetrics.Report report) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (String[] row : report.rows()) {
            csv.append(row[0]).append(',').append(row[1]).append(',').append(EmbeddingCsv.quote(map.method()))
                    .append(',').append(EmbeddingCsv.quote(report.settings())).append(',')
                    .append(EmbeddingCsv.quote(map.provenance())).append('\n');
        }
        return csv.toString();
    }

    /** Writes {@link #text} to {@code file} atomically. */
    public static void write(Path file, PatchMap map, FaithfulnessMetrics.Report report) throws IOException {
        AtomicFiles.writeString(file, text(map, report));
    }
}
