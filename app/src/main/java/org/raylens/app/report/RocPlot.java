package org.raylens.app.report;

import org.raylens.core.numeric.Roc;
import org.raylens.overlays.chart.RocChart;
import org.raylens.overlays.export.ExportException;
import org.raylens.overlays.export.FigureExporter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes one class's ROC curve for the training report: the overlays module's {@link RocChart}, exported as a PNG
 * by its {@link FigureExporter} (the one paint path and the one atomic writer every picture goes through) at screen
 * resolution, 480 pixels square.
 */
public final class RocPlot {

    private RocPlot() {
    }

    public static void write(Path file, String label, List<Roc.Point> curve, double auroc, int positives,
                             int negatives) throws IOException {
        try {
            // atomically, replacing: a kill mid-write leaves the previous plot, never a truncated PNG
            FigureExporter.writeChart(new RocChart(label, curve, auroc, positives, negatives), file,
                    new FigureExporter.Options(FigureExporter.SCREEN_DPI, true));
        } catch (ExportException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
