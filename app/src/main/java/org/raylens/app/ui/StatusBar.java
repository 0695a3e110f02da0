package org.raylens.app.ui;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.raylens.app.analysis.AnalysisModel;
import org.raylens.viewer.fx.Viewport;
import org.raylens.viewer.fx.ViewportModel;

/** The status bar: pixel under the cursor, window, zoom, the latest message, a busy indicator and the keys hint. */
final class StatusBar {

    private final HBox bar;

    StatusBar(MainWindowModel model, AnalysisModel analysis) {
        ViewportModel vm = model.viewport();
        Label pixel = label("statusPixel", 230);
        pixel.textProperty().bind(Bindings.createStringBinding(() -> StatusFormat.pixel(vm.getReadout()),
                vm.readoutProperty()));
        Label window = label("statusWindow", 260);
        window.textProperty().bind(Bindings.createStringBinding(() -> StatusFormat.window(vm.getWindow(),
                vm.isInvert()), vm.windowProperty(), vm.invertProperty()));
        Label zoom = label("statusZoom", 90);
        zoom.textProperty().bind(Bindings.createStringBinding(() -> StatusFormat.zoom(vm.getZoom()),
                vm.zoomProperty()));
        Label message = label("statusMessage", 0);
        message.textProperty().bind(model.messageProperty());
        message.setTooltip(new Tooltip());
        message.getTooltip().textProperty().bind(model.messageProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(14, 14);
        busy.visibleProperty().bind(model.busyProperty().or(analysis.runningProperty()));

        Label help = label("viewportHelp", 0);
        help.setText("Keys: F1");
        help.setTooltip(Viewport.helpTooltip());

        bar = new HBox(16, pixel, window, zoom, message, busy, help);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
    }

    HBox node() {
        return bar;
    }

    private static Label label(String id, double minWidth) {
        Label label = new Label();
        label.setId(id);
        label.setMinWidth(minWidth > 0 ? minWidth : Region.USE_PREF_SIZE);
        return label;
    }
}
