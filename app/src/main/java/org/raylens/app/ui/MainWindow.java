package org.raylens.app.ui;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.raylens.app.open.StudyInstance;
import org.raylens.viewer.fx.Viewport;
import org.raylens.viewer.fx.ViewportModel;
import org.raylens.viewer.overlay.ScaleBarOverlay;

/**
 * The first window's controls, bound to a {@link MainWindowModel}: the instance list on the left, the viewport in
 * the centre, the synthetic-data banner on top and a status bar (pixel under the cursor, window, zoom, messages).
 * It holds no state of its own beyond the controls.
 */
public final class MainWindow {

    private final MainWindowModel model;
    private final Viewport viewport;
    private final BorderPane root = new BorderPane();

    public MainWindow(MainWindowModel model) {
        this.model = model;
        this.viewport = new Viewport(model.viewport());
        viewport.setId("viewport");
        ViewportModel vm = model.viewport();
        viewport.getOverlays().add(new ScaleBarOverlay(() -> vm.getImage() == null ? null
                : vm.getImage().pixelSpacingMm()));
        root.setTop(banner());
        root.setLeft(instanceList());
        root.setCenter(viewport);
        root.setBottom(statusBar());
        root.setStyle("-fx-background-color: #1e1e1e;");
        // Viewport keys work wherever the focus is in the window, unless the focused control used the key itself.
        root.addEventHandler(KeyEvent.KEY_PRESSED, viewport::handleShortcut);
    }

    public Parent root() {
        return root;
    }

    public Viewport viewport() {
        return viewport;
    }

    private Label banner() {
        Label banner = new Label();
        banner.setId("syntheticBanner");
        banner.textProperty().bind(model.bannerProperty());
        banner.visibleProperty().bind(model.bannerProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.setAlignment(Pos.CENTER);
        banner.setPadding(new Insets(4, 8, 4, 8));
        banner.setStyle("-fx-background-color: #f2c200; -fx-text-fill: black; -fx-font-weight: bold;");
        return banner;
    }

    private ListView<StudyInstance> instanceList() {
        ListView<StudyInstance> list = new ListView<>(model.instances());
        list.setId("instanceList");
        list.setPrefWidth(270);
        list.setCellFactory(v -> new InstanceCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && now != list.getSelectionModel().getSelectedItem()) {
                list.getSelectionModel().select(now);
            }
        });
        return list;
    }

    private HBox statusBar() {
        ViewportModel vm = model.viewport();
        Label pixel = statusLabel("statusPixel", 230);
        pixel.textProperty().bind(Bindings.createStringBinding(() -> StatusFormat.pixel(vm.getReadout()),
                vm.readoutProperty()));
        Label window = statusLabel("statusWindow", 260);
        window.textProperty().bind(Bindings.createStringBinding(() -> StatusFormat.window(vm.getWindow(),
                vm.isInvert()), vm.windowProperty(), vm.invertProperty()));
        Label zoom = statusLabel("statusZoom", 90);
        zoom.textProperty().bind(Bindings.createStringBinding(() -> StatusFormat.zoom(vm.getZoom()),
                vm.zoomProperty()));
        Label message = statusLabel("statusMessage", 0);
        message.textProperty().bind(model.messageProperty());
        message.setTooltip(new Tooltip());
        message.getTooltip().textProperty().bind(model.messageProperty());
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);

        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(14, 14);
        busy.visibleProperty().bind(model.busyProperty());

        Label help = statusLabel("viewportHelp", 0);
        help.setText("Keys (?)");
        help.setTooltip(Viewport.helpTooltip());

        HBox bar = new HBox(16, pixel, window, zoom, message, busy, help);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(3, 8, 3, 8));
        bar.setStyle("-fx-background-color: #2b2b2b;");
        return bar;
    }

    private static Label statusLabel(String id, double minWidth) {
        Label label = new Label();
        label.setId(id);
        label.setStyle("-fx-text-fill: #dddddd; -fx-font-family: monospace;");
        if (minWidth > 0) {
            label.setMinWidth(minWidth);
        } else {
            label.setMinWidth(Region.USE_PREF_SIZE);
        }
        return label;
    }

    /** Two lines per instance: the file's label, then study and series in a smaller grey line. */
    private static final class InstanceCell extends ListCell<StudyInstance> {
        @Override
        protected void updateItem(StudyInstance item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            Label name = new Label(item.instanceLabel());
            name.setStyle("-fx-font-weight: bold;");
            String context = item.seriesLabel().isEmpty() ? item.studyLabel()
                    : item.studyLabel() + " \u203A " + item.seriesLabel();
            Label where = new Label(context);
            // Opacity rather than a fixed grey, so the line stays readable on the selection colour.
            where.setStyle("-fx-font-size: 0.85em; -fx-opacity: 0.7;");
            setText(null);
            setGraphic(new VBox(1, name, where));
        }
    }
}
