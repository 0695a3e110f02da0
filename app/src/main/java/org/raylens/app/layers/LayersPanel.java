package org.raylens.app.layers;

import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.raylens.core.result.PatchMap;
import org.raylens.resources.colormap.Colormap;

/**
 * The overlay layers panel: per layer a visibility switch, opacity, colormap, threshold (fill/contour for masks) and
 * a small colorbar with the map's value range. Bound to {@link LayersModel}; holds no state of its own.
 */
public final class LayersPanel extends VBox {

    public LayersPanel(LayersModel model) {
        setId("layersPanel");
        setSpacing(8);
        setPadding(new Insets(6));
        for (LayerRow row : model.rows()) {
            getChildren().add(rowView(model, row));
        }
        getChildren().add(new MetricsStatus(model.metrics()));
        CheckBox border = new CheckBox("Shade what the model did not see");
        border.setId("notSeenBorder");
        border.selectedProperty().bindBidirectional(model.notSeenBorderProperty());
        getChildren().add(border);
    }

    private static VBox rowView(LayersModel model, LayerRow row) {
        String id = row.kind().nodeId();
        CheckBox visible = new CheckBox();
        visible.setId("layer-" + id + "-visible");
        visible.textProperty().bind(row.titleProperty());
        visible.selectedProperty().bindBidirectional(row.visibleProperty());
        visible.setOnAction(e -> model.touch(row));
        visible.disableProperty().bind(row.presentProperty().not().or(row.unavailableProperty().isNotNull()));
        visible.setStyle("-fx-font-weight: bold;");

        Slider opacity = slider(row.opacityProperty().get());
        opacity.setId("layer-" + id + "-opacity");
        opacity.valueProperty().bindBidirectional(row.opacityProperty());
        Slider threshold = slider(row.thresholdProperty().get());
        threshold.setId("layer-" + id + "-threshold");
        threshold.valueProperty().bindBidirectional(row.thresholdProperty());
        threshold.setTooltip(new Tooltip("Values below this fraction of the map's range are not drawn"));

        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(3);
        grid.addRow(0, new Label("Opacity"), opacity);
        if (row.kind().scalar()) {
            ComboBox<String> colormap = new ComboBox<>();
            colormap.setId("layer-" + id + "-colormap");
            for (Colormap c : Colormap.values()) {
                colormap.getItems().add(c.displayName());
            }
            colormap.valueProperty().bindBidirectional(row.colormapProperty());
            grid.addRow(1, new Label("Colormap"), colormap);
            grid.addRow(2, new Label("Threshold"), threshold);
        } else if (row.kind().equals(LayerKind.MASK)) {
            ChoiceBox<LayerRow.MaskStyle> style = new ChoiceBox<>();
            style.getItems().addAll(LayerRow.MaskStyle.values());
            style.setId("layer-mask-style");
            style.valueProperty().bindBidirectional(row.maskStyleProperty());
            grid.addRow(1, new Label("Style"), style);
            grid.addRow(2, new Label("Threshold"), threshold);
            threshold.setTooltip(new Tooltip("Mask probability at or above which a pixel counts as inside"));
            javafx.scene.control.ColorPicker colour = new javafx.scene.control.ColorPicker(
                    javafx.scene.paint.Color.web(row.colourProperty().get()));
            colour.setId("layer-mask-colour");
            colour.valueProperty().addListener((o, a, c) -> row.colourProperty().set(LayerBinder.css(c)));
            grid.addRow(3, new Label("Colour"), colour);
        }
        GridPane.setHgrow(opacity, Priority.ALWAYS);
        GridPane.setHgrow(threshold, Priority.ALWAYS);

        VBox box = new VBox(3, visible, grid);
        if (row.kind().scalar()) {
            box.getChildren().add(colorbar(row));
        }
        Label none = new Label();
        none.setId("layer-" + id + "-caption");
        none.setStyle("-fx-opacity: 0.6; -fx-font-size: 0.9em;");
        none.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> row.getUnavailable() != null ? row.getUnavailable()
                        : row.getMask() != null ? row.getMask().label() + " \u2014 " + row.getMask().provenance()
                        : row.getMap() == null ? hint(row.kind()) : row.getMap().description(),
                row.mapProperty(), row.maskProperty(), row.unavailableProperty()));
        none.setWrapText(true);
        box.getChildren().add(none);
        if (row.kind().scalar()) {
            MetricsRow metrics = new MetricsRow(model.metrics(), row);
            // metrics score a map: offered under a row once it has one
            metrics.managedProperty().bind(row.presentProperty().and(row.unavailableProperty().isNull()));
            metrics.visibleProperty().bind(metrics.managedProperty());
            box.getChildren().add(metrics);
        }
        grid.disableProperty().bind(row.presentProperty().not().or(row.unavailableProperty().isNotNull()));
        // a method the model cannot give keeps only its title and the reason: no controls to set for nothing
        for (javafx.scene.Node n : box.getChildren()) {
            if (n == grid || n.getId() != null && n.getId().startsWith("colorbar-")) {
                n.managedProperty().bind(row.unavailableProperty().isNull());
                n.visibleProperty().bind(n.managedProperty());
            }
        }
        // greyed out with the reason on hover too (a tooltip on the row, which itself stays enabled so it shows)
        Tooltip why = new Tooltip();
        why.textProperty().bind(row.unavailableProperty());
        row.unavailableProperty().addListener((o, a, reason) -> {
            if (reason == null) {
                Tooltip.uninstall(box, why);
            } else {
                Tooltip.install(box, why);
            }
        });
        box.setStyle("-fx-border-color: #3a3c40; -fx-border-width: 0 0 1 0; -fx-padding: 0 0 6 0;");
        return box;
    }

    private static String hint(LayerKind kind) {
        if (kind.equals(LayerKind.POINT)) {
            return "Turn on click-a-patch (P) and click the image";
        }
        if (kind.equals(LayerKind.GRADCAM)) {
            return "Computed for the class and method chosen under Class map (needs scores: an adapter or a model's own logits)";
        }
        if (kind.equals(LayerKind.PCA)) {
            return "First three principal components of the patch tokens, as RGB";
        }
        if (kind.equals(LayerKind.MASK)) {
            return "Needs a segmentation adapter (the demo encoder brings a random one)";
        }
        return "Run the analysis (Ctrl+R) to compute this map";
    }

    private static Slider slider(double value) {
        Slider s = new Slider(0, 1, value);
        s.setMaxWidth(Double.MAX_VALUE);
        return s;
    }

    /** A horizontal strip of the row's colormap with the map's min and max under its ends. */
    private static HBox colorbar(LayerRow row) {
        Canvas strip = new Canvas(150, 10);
        Label min = new Label();
        Label max = new Label();
        min.setStyle("-fx-font-size: 0.85em;");
        max.setStyle("-fx-font-size: 0.85em;");
        Runnable draw = () -> {
            Colormap cm = LayerBinder.colormap(row.colormapProperty().get());
            var pw = strip.getGraphicsContext2D().getPixelWriter();
            int w = (int) strip.getWidth();
            for (int x = 0; x < w; x++) {
                int argb = cm.argb(x / (double) (w - 1));
                for (int y = 0; y < strip.getHeight(); y++) {
                    pw.setArgb(x, y, argb);
                }
            }
            PatchMap m = row.getMap();
            float[] r = m == null ? null : m.range();
            min.setText(r == null ? "" : format(r[0]));
            max.setText(r == null ? "" : format(r[1]));
        };
        row.colormapProperty().addListener(o -> draw.run());
        row.mapProperty().addListener(o -> draw.run());
        draw.run();
        HBox box = new HBox(4, min, strip, max);
        box.setId("colorbar-" + row.kind().nodeId());
        return box;
    }

    static String format(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e4) ? String.format("%.2e", v) : String.format("%.4f", v);
    }
}
