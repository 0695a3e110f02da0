package org.raylens.app.layers;

import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.raylens.inference.explain.metrics.FaithfulnessMetrics;

/**
 * The metrics line under a map layer: "Metrics" computes the map's faithfulness metrics ({@link MapMetricsModel}),
 * the caption shows them (deletion/insertion AUC, ROAD, pointing game and energy share with a region), and
 * "Save metrics CSV…" writes them with their provenance. Bound to the model; no state of its own.
 */
final class MetricsRow extends VBox {

    MetricsRow(MapMetricsModel metrics, LayerRow row) {
        String id = row.kind().nodeId();
        Button compute = new Button("Metrics");
        compute.setId("layer-" + id + "-metrics");
        compute.setTooltip(new Tooltip("Faithfulness of this map for the class the class map explains: deletion and"
                + " insertion AUC, ROAD, and with a drawn ROI or a segmentation mask the pointing game and the share"
                + " of the map's energy inside it. Runs a few dozen forwards in the background."));
        compute.setOnAction(e -> metrics.compute(row));
        compute.disableProperty().bind(Bindings.createBooleanBinding(() -> !metrics.canCompute(row)
                || metrics.runningProperty().get(), row.mapProperty(), metrics.runningProperty()));
        Button save = new Button("Save metrics CSV\u2026");
        save.setId("layer-" + id + "-metrics-save");
        save.disableProperty().bind(metrics.reportProperty(row).isNull());
        save.setOnAction(e -> save(metrics, row));
        Label caption = new Label();
        caption.setId("layer-" + id + "-metrics-text");
        caption.setWrapText(true);
        caption.setStyle("-fx-font-size: 0.9em;");
        caption.textProperty().bind(Bindings.createStringBinding(() -> {
            FaithfulnessMetrics.Report r = metrics.reportProperty(row).get();
            return r == null ? "" : r.caption();
        }, metrics.reportProperty(row)));
        caption.managedProperty().bind(metrics.reportProperty(row).isNotNull());
        caption.visibleProperty().bind(caption.managedProperty());
        setSpacing(2);
        getChildren().addAll(new HBox(6, compute, save), caption);
    }

    private static void save(MapMetricsModel metrics, LayerRow row) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save metrics (CSV)");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName(row.kind().nodeId() + ".metrics.csv");
        File file = chooser.showSaveDialog(null);
        if (file == null) {
            return;
        }
        metrics.trySave(row, file.toPath());
    }
}
