package org.raylens.app.models;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.raylens.inference.encoder.ModelOutput;

/**
 * The "Describe this model" dialog: a thin view of a {@link ManifestForm} for a folder with a TorchScript or ONNX
 * file and no {@code model.json}. "Write model.json" copies the fields into the form and writes it; an error (a field
 * that does not parse, a value the manifest parser refuses, naming its key) stays in the dialog, which stays open.
 * The result is the manifest written, or none when cancelled.
 */
public final class ManifestFormDialog extends Dialog<java.nio.file.Path> {

    private final ManifestForm form;
    private final TextField name = field("name");
    private final TextField inputName = field("inputName");
    private final Spinner<Integer> channels = new Spinner<>(1, 4, 1);
    private final Spinner<Integer> height = new Spinner<>(1, 4096, 224);
    private final Spinner<Integer> width = new Spinner<>(1, 4096, 224);
    private final ChoiceBox<ManifestForm.Normalisation> normalisation = new ChoiceBox<>(
            FXCollections.observableArrayList(ManifestForm.Normalisation.values()));
    private final TextField mean = field("mean");
    private final TextField std = field("std");
    private final TextField range = field("valueRange");
    private final VBox outputs = new VBox(4);
    private final List<OutputFields> outputFields = new ArrayList<>();
    private final Label error = new Label();
    private java.nio.file.Path written;

    public ManifestFormDialog(ManifestForm form) {
        this.form = form;
        setTitle("Describe this model");
        setHeaderText("No " + ManifestForm.FILE_NAME + " in " + form.folder() + ".\nDescribe the model so RayLens"
                + " can run it (docs/model-format.md); the manifest is written beside the model file.");
        name.setText(form.name);
        inputName.setText(form.inputName);
        channels.getValueFactory().setValue(form.channels);
        height.getValueFactory().setValue(form.height);
        width.getValueFactory().setValue(form.width);
        for (Spinner<?> s : List.of(channels, height, width)) {
            s.setEditable(true);
        }
        channels.setId("manifestChannels");
        height.setId("manifestHeight");
        width.setId("manifestWidth");
        normalisation.setId("manifestNormalisation");
        normalisation.setValue(form.normalisation);
        mean.setText(form.mean);
        std.setText(form.std);
        range.setText(form.valueRange);
        mean.disableProperty().bind(normalisation.valueProperty().isEqualTo(ManifestForm.Normalisation.VALUE_RANGE));
        std.disableProperty().bind(mean.disableProperty());
        range.disableProperty().bind(mean.disableProperty().not());

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        int r = 0;
        grid.addRow(r++, new Label("Model file"), new Label(files()));
        grid.addRow(r++, new Label("Name"), name);
        grid.addRow(r++, new Label("Input name"), inputName);
        grid.addRow(r++, new Label("Channels"), channels);
        grid.addRow(r++, new Label("Input size (h × w)"), new HBox(4, height, new Label("\u00d7"), width));
        grid.addRow(r++, new Label("Resize / crop"), new Label(ManifestForm.RESIZE));
        grid.addRow(r++, new Label("Normalisation"), normalisation);
        grid.addRow(r++, new Label("Value range (black, white)"), range);
        grid.addRow(r++, new Label("Mean per channel (0..1 pixels)"), mean);
        grid.addRow(r++, new Label("Std per channel"), std);
        for (ManifestForm.Output o : form.outputs) {
            addOutput(o);
        }
        Button add = new Button("Add output");
        add.setId("manifestAddOutput");
        add.setOnAction(e -> {
            ManifestForm.Output o = new ManifestForm.Output();
            o.index = outputFields.size();
            o.name = "output" + outputFields.size();
            addOutput(o);
        });
        error.setId("manifestError");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #e05050;");
        error.setMaxWidth(640);
        getDialogPane().setContent(new VBox(8, grid, new Label("Outputs (in the graph's output order)"), outputs,
                add, error));
        ButtonType write = new ButtonType("Write " + ManifestForm.FILE_NAME,
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(write, ButtonType.CANCEL);
        Node writeButton = getDialogPane().lookupButton(write);
        writeButton.setId("manifestWrite");
        // a refused form keeps the dialog open with the reason
        writeButton.addEventFilter(ActionEvent.ACTION, e -> {
            if (!tryWrite()) {
                e.consume();
            }
        });
        setResultConverter(b -> b == write ? written : null);
    }

    /**
     * Opens the form for {@code folder} (later, on the FX thread, so it never runs inside another event's handler) and
     * gives the folder to {@code load} once its manifest is written. A folder that cannot be listed opens nothing.
     */
    public static void offer(java.nio.file.Path folder, javafx.stage.Window owner,
                             java.util.function.Consumer<java.nio.file.Path> load) {
        javafx.application.Platform.runLater(() -> {
            ManifestForm form;
            try {
                form = ManifestForm.detect(folder);
            } catch (IOException e) {
                new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                        "Cannot list " + folder + ": " + e.getMessage()).show();
                return;
            }
            ManifestFormDialog d = new ManifestFormDialog(form);
            d.initOwner(owner);
            d.showAndWait().ifPresent(m -> load.accept(folder));
        });
    }

    private String files() {
        List<String> f = new ArrayList<>();
        if (form.torchscriptFile != null) {
            f.add(form.torchscriptFile + " (TorchScript)");
        }
        if (form.onnxFile != null) {
            f.add(form.onnxFile + " (ONNX)");
        }
        return f.isEmpty() ? "none found" : String.join(", ", f);
    }

    private void addOutput(ManifestForm.Output o) {
        OutputFields f = new OutputFields(o, outputFields.size());
        outputFields.add(f);
        outputs.getChildren().add(f.view);
    }

    /** Copies the fields into the form and writes it; false (with the reason shown) when refused. */
    boolean tryWrite() {
        try {
            form.name = name.getText();
            form.inputName = inputName.getText();
            form.channels = channels.getValue();
            form.height = height.getValue();
            form.width = width.getValue();
            form.normalisation = normalisation.getValue();
            form.mean = mean.getText();
            form.std = std.getText();
            form.valueRange = range.getText();
            for (OutputFields f : outputFields) {
                f.copy();
            }
            written = form.write();
            return true;
        } catch (IOException | IllegalArgumentException e) {
            error.setText(e.getMessage());
            return false;
        }
    }

    private static TextField field(String id) {
        TextField f = new TextField();
        f.setId("manifest-" + id);
        f.setPrefColumnCount(24);
        return f;
    }

    /** The fields of one output. */
    private static final class OutputFields {
        final ManifestForm.Output output;
        final TextField name;
        final ChoiceBox<ModelOutput.Kind> kind = new ChoiceBox<>(
                FXCollections.observableArrayList(ModelOutput.Kind.values()));
        final TextField shape;
        final TextField labels;
        final ChoiceBox<ModelOutput.Activation> activation = new ChoiceBox<>(
                FXCollections.observableArrayList(ModelOutput.Activation.values()));
        final Spinner<Integer> prefix = new Spinner<>(0, 64, 1);
        final TextField grid;
        final Node view;

        OutputFields(ManifestForm.Output o, int i) {
            output = o;
            name = field("output" + i + "-name");
            shape = field("output" + i + "-shape");
            labels = field("output" + i + "-labels");
            grid = field("output" + i + "-grid");
            name.setPrefColumnCount(10);
            shape.setPrefColumnCount(10);
            grid.setPrefColumnCount(6);
            name.setText(o.name);
            kind.setId("manifest-output" + i + "-kind");
            kind.setValue(o.kind);
            shape.setText(o.shape);
            shape.setPromptText("1, K");
            labels.setText(o.labels);
            labels.setPromptText("label names, comma separated");
            activation.setId("manifest-output" + i + "-activation");
            activation.setValue(o.activation);
            prefix.getValueFactory().setValue(o.prefixTokens);
            grid.setText(o.grid);
            grid.setPromptText("rows, cols");
            activation.disableProperty().bind(kind.valueProperty().isNotEqualTo(ModelOutput.Kind.LOGITS));
            labels.disableProperty().bind(kind.valueProperty().isNotEqualTo(ModelOutput.Kind.LOGITS)
                    .and(kind.valueProperty().isNotEqualTo(ModelOutput.Kind.MASK)));
            prefix.disableProperty().bind(kind.valueProperty().isNotEqualTo(ModelOutput.Kind.PATCH_TOKENS));
            grid.disableProperty().bind(prefix.disableProperty());
            GridPane g = new GridPane();
            g.setHgap(6);
            g.setVgap(2);
            g.addRow(0, new Label("#" + o.index), name, kind, new Label("shape"), shape);
            g.addRow(1, new Label(""), labels, activation, new Label("prefix, grid"), new HBox(4, prefix, grid));
            view = g;
        }

        void copy() {
            output.name = name.getText();
            output.kind = kind.getValue();
            output.shape = shape.getText();
            output.labels = labels.getText();
            output.activation = activation.getValue();
            output.prefixTokens = prefix.getValue();
            output.grid = grid.getText();
        }
    }
}
