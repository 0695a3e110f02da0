package org.raylens.app.scores;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import org.raylens.app.analysis.AdapterScores;

/**
 * The scores panel: one bar per label, highest first, with the threshold marked on each bar and the label shown
 * above (▲, strong colour) or below (▼, grey) it. Clicking a row picks that label for Grad-CAM.
 */
public final class ScoresPanel extends VBox {

    private static final double BAR_WIDTH = 150;

    private final ScoresModel model;
    private final VBox rows = new VBox(3);

    public ScoresPanel(ScoresModel model) {
        this.model = model;
        setId("scoresPanel");
        setSpacing(6);
        setPadding(new Insets(6));
        Label adapter = new Label();
        adapter.textProperty().bind(model.adapterProperty());
        adapter.setWrapText(true);
        adapter.setStyle("-fx-opacity: 0.8;");
        Label empty = new Label("Run the analysis with an adapter to see scores");
        empty.visibleProperty().bind(model.adapterProperty().isEmpty());
        empty.managedProperty().bind(empty.visibleProperty());
        Label scale = new Label("Probability per label (Grad-CAM captions add the class's logit)");
        scale.setId("scoresScale");
        scale.setWrapText(true);
        scale.setStyle("-fx-opacity: 0.8; -fx-font-size: 0.9em;");
        scale.visibleProperty().bind(model.adapterProperty().isEmpty().not());
        scale.managedProperty().bind(scale.visibleProperty());
        getChildren().addAll(adapter, empty, scale, rows);
        model.sortedProperty().addListener((o, a, list) -> show(list));
        model.selectedLabelProperty().addListener((o, a, b) -> show(model.sortedProperty().get()));
        show(model.sortedProperty().get());
    }

    private void show(List<AdapterScores.Entry> entries) {
        rows.getChildren().clear();
        for (AdapterScores.Entry e : entries) {
            rows.getChildren().add(row(e));
        }
    }

    private HBox row(AdapterScores.Entry e) {
        boolean picked = e.label().equals(model.selectedLabelProperty().get());
        Label name = new Label((e.above() ? "\u25B2 " : "\u25BC ") + e.label());
        name.setMinWidth(130);
        name.setStyle(e.above() ? "-fx-font-weight: bold;" : "-fx-opacity: 0.75;");
        Region fill = new Region();
        fill.setPrefSize(BAR_WIDTH * clamp(e.probability()), 12);
        fill.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        fill.setStyle("-fx-background-color: " + (e.above() ? "#e8590c" : "#868e96") + ";");
        Region track = new Region();
        track.setPrefSize(BAR_WIDTH, 12);
        track.setStyle("-fx-background-color: #3a3c40;");
        double tx = BAR_WIDTH * clamp(e.threshold());
        Line mark = new Line(tx, 0, tx, 16);
        mark.setStyle("-fx-stroke: white; -fx-stroke-width: 1.5;");
        mark.setManaged(false);
        Pane marks = new Pane(mark);
        marks.setPrefSize(BAR_WIDTH, 16);
        StackPane bar = new StackPane(track, fill, marks);
        StackPane.setAlignment(fill, Pos.CENTER_LEFT);
        StackPane.setAlignment(track, Pos.CENTER_LEFT);
        Label value = new Label(e.probabilityText());
        value.setMinWidth(44);
        HBox row = new HBox(6, name, bar, value);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setId("score-" + e.label().replace(' ', '-'));
        row.setPadding(new Insets(2));
        if (picked) {
            row.setStyle("-fx-background-color: #2f4f8f; -fx-background-radius: 3;");
        }
        HBox.setHgrow(bar, Priority.NEVER);
        Tooltip.install(row, new Tooltip(e.label() + ": probability " + String.format("%.4f", e.probability())
                + (e.above() ? " \u2265 " : " < ") + "threshold " + e.threshold() + ". Click to show its Grad-CAM."));
        row.setOnMouseClicked(ev -> model.pick(e.label()));
        return row;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
