package org.raylens.app.layers;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** Progress, cancel and the last message of the layers' metrics computation ({@link MapMetricsModel}). */
final class MetricsStatus extends HBox {

    MetricsStatus(MapMetricsModel metrics) {
        setId("metricsStatus");
        setSpacing(6);
        ProgressBar progress = new ProgressBar();
        progress.setId("metricsProgress");
        progress.progressProperty().bind(metrics.progressProperty());
        progress.visibleProperty().bind(metrics.runningProperty());
        progress.managedProperty().bind(metrics.runningProperty());
        progress.setPrefWidth(90);
        Button cancel = new Button("Stop");
        cancel.setId("metricsCancel");
        cancel.setOnAction(e -> metrics.cancel());
        cancel.visibleProperty().bind(metrics.runningProperty());
        cancel.managedProperty().bind(metrics.runningProperty());
        Label message = new Label();
        message.setId("metricsMessage");
        message.setWrapText(true);
        message.textProperty().bind(metrics.messageProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        getChildren().addAll(progress, cancel, message);
    }
}
