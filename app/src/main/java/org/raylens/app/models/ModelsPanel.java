package org.raylens.app.models;

import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.raylens.app.analysis.EncoderChoice;
import org.raylens.app.prefs.Preferences.ModelEntry;

/**
 * The models panel: the demo encoder and the imported model folders (name, weights SHA-256, size) to choose from, an
 * import button, the loadable models found in the Hugging Face cache with their own import button, the adapters ({@link AdaptersSection}), and the device with a GPU switch that is enabled only where a GPU was found.
 */
public final class ModelsPanel extends VBox {

    public ModelsPanel(ModelsModel model, AdaptersModel adapters) {
        setId("modelsPanel");
        setSpacing(6);
        setPadding(new Insets(6));
        ToggleGroup group = new ToggleGroup();
        RadioButton demo = new RadioButton(EncoderChoice.Demo.class.getSimpleName());
        demo.setText(new EncoderChoice.Demo().name());
        demo.setId("modelDemo");
        demo.setToggleGroup(group);
        demo.setSelected(model.activeProperty().get() instanceof EncoderChoice.Demo);
        demo.setOnAction(e -> model.activeProperty().set(new EncoderChoice.Demo()));

        ListView<ModelEntry> list = new ListView<>(model.models());
        list.setId("modelList");
        list.setPrefHeight(140);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ModelEntry m, boolean empty) {
                super.updateItem(m, empty);
                if (empty || m == null) {
                    setText(null);
                    return;
                }
                setText(m.name + "\nsha256 " + shortSha(m.weightsSha256) + "  \u00b7  " + size(m.weightsBytes)
                        + "\n" + m.folder);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, m) -> {
            if (m != null) {
                demo.setSelected(false);
                model.activeProperty().set(new EncoderChoice.Imported(Path.of(m.folder), m.name));
            }
        });
        model.activeProperty().addListener((o, a, now) -> demo.setSelected(now instanceof EncoderChoice.Demo));

        Button importButton = new Button("Import model folder\u2026", new FontIcon("mdi2f-folder-download-outline"));
        importButton.setId("importModel");
        importButton.disableProperty().bind(model.importingProperty());
        importButton.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Model folder (config.json + model.safetensors)");
            java.io.File dir = chooser.showDialog(getScene().getWindow());
            if (dir != null) {
                model.importFolder(dir.toPath());
            }
        });
        model.manifestNeededProperty().addListener((o, a, folder) -> {
            if (folder != null) {
                ManifestFormDialog.offer(folder, getScene() == null ? null : getScene().getWindow(),
                        model::importFolder);
            }
        });
        // EVA-X's weights are released as single .pt/.pth files: a file loads as well as a folder
        Button importFile = new Button("Import weights file\u2026", new FontIcon("mdi2f-file-download-outline"));
        importFile.setId("importModelFile");
        importFile.disableProperty().bind(model.importingProperty());
        importFile.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Model weights file (EVA-X .pt/.pth, or .safetensors)");
            chooser.getExtensionFilters().addAll(
                    new FileChooser.ExtensionFilter("Model weights", "*.pth", "*.pt", "*.safetensors"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            java.io.File file = chooser.showOpenDialog(getScene().getWindow());
            if (file != null) {
                model.importFolder(file.toPath());
            }
        });
        Label hubTitle = new Label("In the Hugging Face cache");
        ListView<HubCacheEntry> hubList = new ListView<>(model.hubModels());
        hubList.setId("hubModelList");
        hubList.setPrefHeight(90);
        hubList.setPlaceholder(new Label("none found (raylens model get ORG/NAME downloads one)"));
        hubList.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(HubCacheEntry entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(empty || entry == null ? null : entry.label());
            }
        });
        Button importHub = new Button("Import selected", new FontIcon("mdi2d-database-import-outline"));
        importHub.setId("importHubModel");
        importHub.disableProperty().bind(model.importingProperty()
                .or(hubList.getSelectionModel().selectedItemProperty().isNull()));
        importHub.setOnAction(e -> model.importFolder(hubList.getSelectionModel().getSelectedItem().folder()));

        Label message = new Label();
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        CheckBox gpu = new CheckBox("Use the GPU");
        gpu.setId("useGpu");
        gpu.selectedProperty().bindBidirectional(model.useGpuProperty());
        gpu.disableProperty().bind(model.gpuAvailableProperty().not());
        CheckBox fast = new CheckBox(model.nativeBf16() ? "Fast mode (bf16) for this model"
                : "Fast mode (bf16) for this model \u2014 slower on this CPU (no AMX or AVX-512-BF16)");
        fast.setId("fastMode");
        fast.setWrapText(true);
        fast.selectedProperty().bindBidirectional(model.fastModeProperty());
        fast.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !(model.activeProperty().get() instanceof EncoderChoice.Imported) || model.useGpuProperty().get(),
                model.activeProperty(), model.useGpuProperty()));
        Label device = new Label();
        device.setId("deviceLabel");
        device.setWrapText(true);
        device.textProperty().bind(model.deviceProperty().concat("").map(s -> "Device: " + s));

        Label active = new Label();
        active.setWrapText(true);
        active.textProperty().bind(model.activeProperty().map(c -> "Active: " + c.name()));
        active.setStyle("-fx-font-weight: bold;");
        getChildren().addAll(active, demo, list, importButton, importFile, hubTitle, hubList, importHub, message, device, gpu, fast,
                new javafx.scene.control.Separator(), new AdaptersSection(adapters, model));
    }

    static String shortSha(String sha) {
        return sha == null ? "?" : sha.length() > 16 ? sha.substring(0, 16) + "\u2026" : sha;
    }

    static String size(long bytes) {
        if (bytes < 0) {
            return "size unknown";
        }
        return bytes >= 1 << 20 ? String.format("%.1f MB", bytes / 1048576.0) : String.format("%.1f kB", bytes / 1024.0);
    }
}
