package org.raylens.app.layers;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.raylens.app.analysis.AnalysisModel;
import org.raylens.app.cli.MetricsCsv;
import org.raylens.core.result.PatchMap;
import org.raylens.inference.adapter.MaskMap;
import org.raylens.inference.explain.metrics.FaithfulnessMetrics;
import org.raylens.inference.explain.metrics.Region;
import org.raylens.viewer.measure.Measurement;
import org.raylens.viewer.measure.Roi;

/**
 * The faithfulness metrics shown next to a map layer ({@link FaithfulnessMetrics}: deletion and insertion AUC, ROAD,
 * and where a region is known the pointing game and the map's energy inside it), computed on demand in the background
 * for the class the class map explains, with the options {@code raylens explain --metrics} uses by default, so the
 * window's figures equal the command line's for the same map. The region is the first ROI drawn on the image (a
 * rectangle as a box, an ellipse as a mask), else the segmentation mask row's mask at its threshold; none gives no
 * pointing game. One computation at a time (each runs a few dozen forwards); a report belongs to the map it was
 * computed for and is dropped when the row's map changes. FX thread only.
 */
public final class MapMetricsModel {

    private final AnalysisModel analysis;
    private final LayersModel layers;
    private final Map<LayerRow, ReadOnlyObjectWrapper<FaithfulnessMetrics.Report>> reports = new HashMap<>();
    private final Map<LayerRow, PatchMap> reportedMaps = new HashMap<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private Supplier<List<Measurement>> measurements = List::of;
    private AtomicBoolean cancel = new AtomicBoolean();
    private long request;

    MapMetricsModel(AnalysisModel analysis, LayersModel layers) {
        this.analysis = analysis;
        this.layers = layers;
        for (LayerRow row : layers.rows()) {
            ReadOnlyObjectWrapper<FaithfulnessMetrics.Report> r = new ReadOnlyObjectWrapper<>(this, "report");
            reports.put(row, r);
            // a report describes the map it was computed for: another map (image, class, method) drops it
            row.mapProperty().addListener((o, a, m) -> {
                if (m != reportedMaps.get(row)) {
                    r.set(null);
                    reportedMaps.remove(row);
                }
            });
        }
    }

    /** Where the drawn ROIs of the image on screen come from (the window's measurements). */
    public void setMeasurements(Supplier<List<Measurement>> source) {
        this.measurements = source == null ? List::of : source;
    }

    /** The metrics of {@code row}'s map, or null until computed for the map it shows now. */
    public ReadOnlyObjectProperty<FaithfulnessMetrics.Report> reportProperty(LayerRow row) {
        return reports.get(row).getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0–1 of the computation in flight (forwards done). */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What happened last ("Computing metrics of RISE…", an error, where a CSV went). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True when {@code row} shows a scalar map the metrics can score (a class to score is checked on compute). */
    public boolean canCompute(LayerRow row) {
        return row.kind().scalar() && row.getMap() != null && row.getMap().channels() == 1;
    }

    /** Computes {@code row}'s metrics in the background; a computation in flight is cancelled first. */
    public void compute(LayerRow row) {
        PatchMap map = row.getMap();
        if (map == null) {
            message.set("No map on this layer to score");
            return;
        }
        cancel();
        AtomicBoolean cancelled = new AtomicBoolean();
        cancel = cancelled;
        long id = ++request;
        Region region = region(map);
        running.set(true);
        progress.set(-1);
        message.set("Computing the metrics of " + row.titleProperty().get() + "\u2026");
        analysis.metrics(map, region, FaithfulnessMetrics.Options.defaults(),
                (done, total, note) -> analysis.onUi(() -> {
                    if (id == request) {
                        progress.set(done / (double) Math.max(1, total));
                    }
                }),
                cancelled::get,
                report -> {
                    if (id == request) {
                        running.set(false);
                        if (row.getMap() == map) {
                            reportedMaps.put(row, map);
                            reports.get(row).set(report);
                            message.set("");
                        }
                    }
                },
                error -> {
                    if (id == request) {
                        running.set(false);
                        message.set(error instanceof CancellationException ? "Metrics cancelled"
                                : "Metrics failed: " + error.getMessage());
                    }
                });
    }

    /** Stops the computation in flight. */
    public void cancel() {
        if (running.get()) {
            cancel.set(true);
            request++;
            running.set(false);
            message.set("Metrics cancelled");
        }
    }

    /** Writes {@code row}'s metrics with their provenance ({@link MetricsCsv}, the command line's format). */
    public void save(LayerRow row, Path file) throws IOException {
        FaithfulnessMetrics.Report r = reports.get(row).get();
        if (r == null) {
            throw new IllegalStateException("compute the metrics of " + row.titleProperty().get() + " first");
        }
        MetricsCsv.write(file, reportedMaps.get(row), r);
        message.set("Metrics written to " + file);
    }

    /** {@link #save}, saying in {@link #messageProperty()} what went wrong (the file is left as it was). */
    public boolean trySave(LayerRow row, Path file) {
        try {
            save(row, file);
            return true;
        } catch (IOException | IllegalStateException e) {
            message.set("Could not write the metrics: " + e.getMessage());
            return false;
        }
    }

    /**
     * Where the finding is, in source pixels: the first ROI drawn on the image, else the visible segmentation mask at
     * its row's threshold, else none.
     */
    Region region(PatchMap map) {
        for (Measurement m : measurements.get()) {
            if (m instanceof Roi.Rectangle r) {
                return Region.box(r.minX(), r.minY(), r.maxX(), r.maxY());
            }
            if (m instanceof Roi roi) {
                int w = map.geometry().sourceWidth();
                int h = map.geometry().sourceHeight();
                boolean[] in = new boolean[w * h];
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        in[y * w + x] = roi.contains(x + 0.5, y + 0.5);
                    }
                }
                return Region.mask(in, w, h);
            }
        }
        LayerRow maskRow = layers.row(LayerKind.MASK);
        MaskMap mask = maskRow == null ? null : maskRow.getMask();
        if (mask != null && maskRow.visibleProperty().get()) {
            double t = maskRow.thresholdProperty().get();
            boolean[] in = new boolean[mask.width() * mask.height()];
            for (int y = 0; y < mask.height(); y++) {
                for (int x = 0; x < mask.width(); x++) {
                    in[y * mask.width() + x] = mask.at(x, y) >= t; // NaN (not seen) is outside
                }
            }
            return Region.mask(in, mask.width(), mask.height());
        }
        return null;
    }
}
