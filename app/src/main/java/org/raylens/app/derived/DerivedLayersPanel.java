package org.raylens.app.derived;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.raylens.app.layers.LayerBinder;
import org.raylens.app.layers.LayerRow;
import org.raylens.resources.colormap.Colormap;

/**
 * The layers panel's part for objects other tools made: a row per segment of the DICOM SEGs and per Parametric Map
 * over the image on screen, with the same controls as the analysis rows (shown, opacity, fill or contour and colour
 * for binary segments; colormap and threshold for fractional segments and maps), and a line naming an object that could not be read. Rebuilt
 * when the image changes; bound to {@link DerivedObjectsModel}, holds no state of its own.
 */
public final class DerivedLayersPanel extends VBox {

    private final DerivedObjectsModel model;

    public DerivedLayersPanel(DerivedObjectsModel model) {
        this.model = model;
        setId("derivedLayers");
        setSpacing(8);
        setPadding(new Insets(6));
        model.rows().addListener((ListChangeListener<DerivedLayerRow>) c -> rebuild());
        model.problemProperty().addListener(o -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        if (model.rows().isEmpty() && model.problemProperty().get().isEmpty()) {
            setVisible(false);
            setManaged(false);
            return;
        }
        setVisible(true);
        setManaged(true);
        Label heading = new Label("From DICOM objects");
        heading.setStyle("-fx-opacity: 0.7;");
        getChildren().add(heading);
        for (DerivedLayerRow row : model.rows()) {
            getChildren().add(rowView(row));
        }
        if (!model.problemProperty().get().isEmpty()) {
            Label problem = new Label(model.problemProperty().get());
            problem.setId("derivedProblem");
            problem.setWrapText(true);
            getChildren().add(problem);
        }
    }

    private static VBox rowView(DerivedLayerRow row) {
        String id = row.nodeId();
        CheckBox visible = new CheckBox(row.title());
        visible.setId("layer-" + id + "-visible");
        visible.selectedProperty().bindBidirectional(row.visibleProperty());
        visible.setStyle("-fx-font-weight: bold;");
        Slider opacity = new Slider(0, 1, row.opacityProperty().get());
        opacity.setId("layer-" + id + "-opacity");
        opacity.valueProperty().bindBidirectional(row.opacityProperty());
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(3);
        grid.addRow(0, new Label("Opacity"), opacity);
        GridPane.setHgrow(opacity, Priority.ALWAYS);
        if (row.scalar()) {
            ComboBox<String> colormap = new ComboBox<>();
            colormap.setId("layer-" + id + "-colormap");
            for (Colormap c : Colormap.values()) {
                colormap.getItems().add(c.displayName());
            }
            colormap.valueProperty().bindBidirectional(row.colormapProperty());
            Slider threshold = new Slider(row.range()[0], row.range()[1], row.thresholdProperty().get());
            threshold.setId("layer-" + id + "-threshold");
            threshold.valueProperty().bindBidirectional(row.thresholdProperty());
            threshold.setTooltip(new Tooltip("Values below this one (" + row.quantity() + ") are not drawn"));
            grid.addRow(1, new Label("Colormap"), colormap);
            grid.addRow(2, new Label("Threshold"), threshold);
        } else {
            ChoiceBox<LayerRow.MaskStyle> style = new ChoiceBox<>();
            style.getItems().addAll(LayerRow.MaskStyle.values());
            style.setId("layer-" + id + "-style");
            style.valueProperty().bindBidirectional(row.styleProperty());
            ColorPicker colour = new ColorPicker(Color.web(row.colourProperty().get()));
            colour.setId("layer-" + id + "-colour");
            colour.valueProperty().addListener((o, a, c) -> row.colourProperty().set(LayerBinder.css(c)));
            grid.addRow(1, new Label("Style"), style);
            grid.addRow(2, new Label("Colour"), colour);
        }
        Label caption = new Label(caption(row));
        caption.setId("layer-" + id + "-caption");
        caption.setWrapText(true);
        caption.setStyle("-fx-opacity: 0.6; -fx-font-size: 0.9em;");
        VBox box = new VBox(3, visible, grid, caption);
        box.setStyle("-fx-border-color: #3a3c40; -fx-border-width: 0 0 1 0; -fx-padding: 0 0 6 0;");
        return box;
    }

    private static String caption(DerivedLayerRow row) {
        if (row.parametricMap() != null) {
            double[] r = row.range();
            return String.format("DICOM Parametric Map: %s from %.4g to %.4g", row.quantity(), r[0], r[1]);
        }
        var s = row.segment();
        StringBuilder text = new StringBuilder("DICOM SEG segment ").append(s.number());
        if (s.category() != null || s.type() != null) {
            text.append(": ").append(s.category()).append(" / ").append(s.type());
        }
        text.append(", ").append(row.quantity()).append(", ").append(row.pixelsInside())
                .append(" pixels on this image");
        return text.toString();
    }
}
