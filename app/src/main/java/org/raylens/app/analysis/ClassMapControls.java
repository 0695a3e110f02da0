package org.raylens.app.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.raylens.inference.explain.Explainer;
import org.raylens.inference.explain.MethodParameters;

/**
 * The class map's choices, bound to an {@link AnalysisModel}: which method explains one class (every registered
 * method that needs a head: Grad-CAM, Grad-CAM++, HiResCAM, XGradCAM, LayerCAM, EigenCAM, Score-CAM, Ablation-CAM,
 * occlusion, RISE, ...), which class (the labels of the adapter's or the imported model's own head; the same choice as
 * a click on the scores panel's bar), and the method's own parameters as the explainer declares them
 * ({@link Explainer#parameters()}: eigen_smooth, aug_smooth, RISE's masks), each field empty for its default. A
 * method the model cannot give stays in the list; its layer row says why.
 */
public final class ClassMapControls extends VBox {

    private final AnalysisModel model;
    private final GridPane parameters = new GridPane();
    private final Map<String, TextField> fields = new LinkedHashMap<>();

    public ClassMapControls(AnalysisModel model) {
        this.model = model;
        setId("classMapControls");
        setSpacing(4);
        setPadding(new Insets(4, 0, 0, 0));
        List<Explainer> methods = model.headMethods();
        ChoiceBox<String> method = new ChoiceBox<>(FXCollections.observableArrayList(
                methods.stream().map(Explainer::name).toList()));
        method.setId("classMapMethod");
        method.setConverter(new StringConverter<>() {
            @Override
            public String toString(String name) {
                return name == null ? "" : model.methodTitle(name);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        method.valueProperty().bindBidirectional(model.headMethodProperty());
        method.setTooltip(new Tooltip("How the class map explains the chosen class"));

        ComboBox<String> label = new ComboBox<>();
        label.setId("classMapLabel");
        label.setMaxWidth(Double.MAX_VALUE);
        label.setTooltip(new Tooltip("The class the map explains (also picked by clicking a bar in the scores panel)"));
        model.resultProperty().addListener((o, a, r) -> label.getItems().setAll(
                r == null || r.head().isEmpty() ? List.of() : r.head().get().labels()));
        label.valueProperty().bindBidirectional(model.gradCamLabelProperty());
        label.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(label.getItems()));
        HBox.setHgrow(label, Priority.ALWAYS);

        ProgressBar progress = new ProgressBar();
        progress.setId("classMapProgress");
        progress.progressProperty().bind(model.headProgressProperty());
        progress.visibleProperty().bind(model.headRunningProperty());
        progress.setPrefWidth(80);
        Button cancel = new Button("Stop");
        cancel.setId("classMapCancel");
        cancel.setOnAction(e -> model.cancelHeadMap());
        cancel.visibleProperty().bind(model.headRunningProperty());

        parameters.setHgap(6);
        parameters.setVgap(2);
        parameters.setId("classMapParameters");
        model.headMethodProperty().addListener((o, a, m) -> showParameters(m));
        // parameters set elsewhere (a start-up flag, a test) show in their fields
        model.headParametersProperty().addListener((o, a, p) -> fields.forEach((name, f) -> {
            if (!f.isFocused()) {
                f.setText(p == null ? "" : p.values().getOrDefault(name, ""));
            }
        }));
        showParameters(model.headMethodProperty().get());

        Label title = new Label("Class map: method and class");
        title.setStyle("-fx-font-weight: bold;");
        getChildren().addAll(title, new HBox(6, method, label),
                parameters, new HBox(6, progress, cancel));
    }

    /** One field per parameter the method declares, prompting its default. */
    private void showParameters(String methodName) {
        parameters.getChildren().clear();
        fields.clear();
        Explainer e = model.headMethods().stream().filter(m -> m.name().equals(methodName)).findFirst().orElse(null);
        if (e == null) {
            return;
        }
        int row = 0;
        for (MethodParameters.Spec spec : e.parameters()) {
            TextField f = new TextField(model.headParametersProperty().get().values().getOrDefault(spec.name(), ""));
            f.setId("classMapParam-" + spec.name());
            f.setPromptText(spec.defaultValue());
            f.setTooltip(new Tooltip(spec.description()));
            f.setPrefColumnCount(8);
            f.setOnAction(x -> commit());
            f.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    commit();
                }
            });
            fields.put(spec.name(), f);
            parameters.addRow(row++, new Label(spec.name()), f);
        }
    }

    /** The fields' non-empty values become the method's parameters (an unchanged set recomputes nothing). */
    private void commit() {
        Map<String, String> values = new LinkedHashMap<>();
        fields.forEach((name, f) -> {
            if (!f.getText().isBlank()) {
                values.put(name, f.getText().trim());
            }
        });
        MethodParameters p = new MethodParameters(values);
        if (!p.equals(model.headParametersProperty().get())) {
            model.headParametersProperty().set(p);
        }
    }
}
