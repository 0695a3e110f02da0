package org.raylens.app.analysis;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Run / cancel with progress, the model-input recipe, the layer and head chooser (sliders; head 0 = mean of heads) and the click-a-patch
 * switch, bound to an {@link AnalysisModel}.
 */
public final class AnalysisControls extends VBox {

    public AnalysisControls(AnalysisModel model) {
        setId("analysisControls");
        setSpacing(6);
        setPadding(new Insets(6));
        Button run = new Button("Analyse", new FontIcon("mdi2p-play"));
        run.setId("runAnalysis");
        run.setOnAction(e -> model.run());
        run.disableProperty().bind(model.runningProperty().or(model.imageProperty().isNull()));
        Button cancel = new Button("Cancel", new FontIcon("mdi2s-stop"));
        cancel.setId("cancelAnalysis");
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(model.runningProperty().not());
        ProgressBar progress = new ProgressBar();
        progress.setId("analysisProgress");
        progress.progressProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.runningProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        HBox buttons = new HBox(6, run, cancel, progress);

        Slider layer = new Slider(1, 1, 1);
        layer.setId("layerSlider");
        layer.setMajorTickUnit(1);
        layer.setMinorTickCount(0);
        layer.setSnapToTicks(true);
        Slider head = new Slider(0, 1, 0);
        head.setId("headSlider");
        head.setMajorTickUnit(1);
        head.setMinorTickCount(0);
        head.setSnapToTicks(true);
        model.resultProperty().addListener((o, a, r) -> {
            layer.setMax(Math.max(1, model.layerCount()));
            head.setMax(Math.max(1, model.headCount()));
            layer.setValue(model.layerProperty().get() + 1);
        });
        layer.valueProperty().addListener((o, a, v) -> {
            int l = (int) Math.round(v.doubleValue()) - 1;
            if (model.getResult() != null && l != model.layerProperty().get()) {
                model.layerProperty().set(l);
            }
        });
        model.layerProperty().addListener((o, a, v) -> layer.setValue(v.intValue() + 1));
        head.valueProperty().addListener((o, a, v) -> {
            int h = (int) Math.round(v.doubleValue()) - 1; // slider 0 = mean (-1)
            if (h != model.headProperty().get()) {
                model.headProperty().set(h);
            }
        });
        model.headProperty().addListener((o, a, v) -> head.setValue(v.intValue() + 1));
        Label layerText = new Label();
        layerText.setId("layerText");
        layerText.textProperty().bind(Bindings.createStringBinding(model::layerText, model.layerProperty(),
                model.resultProperty()));
        Label headText = new Label();
        headText.setId("headText");
        headText.textProperty().bind(Bindings.createStringBinding(model::headText, model.headProperty(),
                model.resultProperty()));
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.addRow(0, new Label("Layer"), layer, layerText);
        grid.addRow(1, new Label("Head"), head, headText);
        GridPane.setHgrow(layer, Priority.ALWAYS);
        GridPane.setHgrow(head, Priority.ALWAYS);
        grid.disableProperty().bind(model.resultProperty().isNull());

        ChoiceBox<InputRecipe> recipe = new ChoiceBox<>(FXCollections.observableArrayList(InputRecipe.values()));
        recipe.setId("inputRecipe");
        recipe.valueProperty().bindBidirectional(model.inputRecipeProperty());
        recipe.setTooltip(new Tooltip("How the image becomes the model's input: min\u2013max over the modality"
                + " values (RAD-DINO's model card; the default, as on the command line) or exactly as displayed"
                + " (the window on screen). Recorded in every result's provenance."));
        recipe.disableProperty().bind(model.runningProperty());
        HBox recipeRow = new HBox(6, new Label("Model input"), recipe);

        ToggleButton click = new ToggleButton("Click-a-patch", new FontIcon("mdi2c-cursor-default-click-outline"));
        click.setId("clickMode");
        click.selectedProperty().bindBidirectional(model.clickModeProperty());
        Label message = new Label();
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        getChildren().addAll(buttons, recipeRow, grid, click, new ClassMapControls(model), message);
    }
}
