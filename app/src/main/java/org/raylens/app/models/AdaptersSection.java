package org.raylens.app.models;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.raylens.app.prefs.Preferences.AdapterEntry;

/**
 * The adapters part of the models panel: the imported adapters (name, labels, the encoder they were checked against),
 * an import button, and the active classification and segmentation adapters ("None" stands for the demo adapters
 * with the demo encoder). Only adapters checked against the active encoder are offered.
 */
final class AdaptersSection extends VBox {

    /** The "none chosen" item of the choosers. */
    private static final AdapterEntry NONE = new AdapterEntry("", "None", false, List.of(), null, null);

    AdaptersSection(AdaptersModel model, ModelsModel models) {
        setSpacing(6);
        Label heading = new Label("Adapters");
        heading.setStyle("-fx-font-weight: bold;");

        ListView<AdapterEntry> list = new ListView<>(model.adapters());
        list.setId("adapterList");
        list.setPrefHeight(110);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(AdapterEntry a, boolean empty) {
                super.updateItem(a, empty);
                setText(empty || a == null ? null : a.name + (a.segmentation ? "  (mask)" : "") + "\n"
                        + String.join(", ", a.labels) + "\n" + a.folder);
            }
        });

        ComboBox<AdapterEntry> classification = chooser("adapterClassification");
        ComboBox<AdapterEntry> segmentation = chooser("adapterSegmentation");
        // Refilling a chooser clears its value for a moment: that must not reach the model.
        boolean[] filling = {false};
        Runnable refill = () -> {
            filling[0] = true;
            fill(classification, model, false, model.classificationProperty().get());
            fill(segmentation, model, true, model.segmentationProperty().get());
            filling[0] = false;
        };
        model.adapters().addListener((ListChangeListener<AdapterEntry>) c -> refill.run());
        models.activeProperty().addListener((o, a, b) -> refill.run());
        model.classificationProperty().addListener((o, a, now) -> classification.setValue(now == null ? NONE : now));
        model.segmentationProperty().addListener((o, a, now) -> segmentation.setValue(now == null ? NONE : now));
        classification.valueProperty().addListener((o, a, now) -> {
            if (!filling[0]) {
                model.classificationProperty().set(now == null || now == NONE ? null : now);
            }
        });
        segmentation.valueProperty().addListener((o, a, now) -> {
            if (!filling[0]) {
                model.segmentationProperty().set(now == null || now == NONE ? null : now);
            }
        });
        refill.run();

        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(3);
        grid.addRow(0, new Label("Scores"), classification);
        grid.addRow(1, new Label("Mask"), segmentation);
        GridPane.setHgrow(classification, Priority.ALWAYS);
        GridPane.setHgrow(segmentation, Priority.ALWAYS);

        Button importButton = new Button("Import adapter folder\u2026", new FontIcon("mdi2f-folder-plus-outline"));
        importButton.setId("importAdapter");
        importButton.disableProperty().bind(model.importingProperty());
        importButton.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Adapter folder (adapter.json + weights.safetensors)");
            java.io.File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                model.importFolder(dir.toPath());
            }
        });
        Label message = new Label();
        message.setId("adapterMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        Label hint = new Label("None: the demo encoder uses its random demo adapters; an imported encoder shows "
                + "no scores or mask until an adapter trained on it is chosen.");
        hint.setWrapText(true);
        hint.setStyle("-fx-opacity: 0.6; -fx-font-size: 0.9em;");
        getChildren().addAll(heading, grid, list, importButton, message, hint);
    }

    private static ComboBox<AdapterEntry> chooser(String id) {
        ComboBox<AdapterEntry> box = new ComboBox<>();
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(AdapterEntry a) {
                return a == null ? "" : a.name;
            }

            @Override
            public AdapterEntry fromString(String s) {
                return null;
            }
        });
        return box;
    }

    /** Offers "None" and the adapters of the right kind checked against the active encoder; keeps the choice. */
    private static void fill(ComboBox<AdapterEntry> box, AdaptersModel model, boolean segmentation,
            AdapterEntry current) {
        List<AdapterEntry> items = new java.util.ArrayList<>();
        items.add(NONE);
        model.adapters().stream().filter(a -> a.segmentation == segmentation && model.fitsActiveEncoder(a))
                .forEach(items::add);
        box.getItems().setAll(items);
        box.setValue(current == null ? NONE : current);
    }
}
