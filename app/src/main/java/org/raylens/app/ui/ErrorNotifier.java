package org.raylens.app.ui;

import javafx.scene.Node;
import javafx.stage.Window;
import org.controlsfx.control.NotificationPane;
import org.controlsfx.dialog.ExceptionDialog;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Shows failures as a readable one-line notification over the window's centre with a "Details" button that opens
 * the full stack trace (ControlsFX), so a researcher can report a problem without digging in a log.
 */
public final class ErrorNotifier {

    private final NotificationPane pane;
    private Exception lastError;

    public ErrorNotifier(Node content) {
        pane = new NotificationPane(content);
        pane.setId("notificationPane");
        pane.getStyleClass().add(NotificationPane.STYLE_CLASS_DARK);
        pane.setShowFromTop(true);
    }

    public NotificationPane node() {
        return pane;
    }

    /** The error most recently shown, for tests. */
    public Exception lastError() {
        return lastError;
    }

    public void show(String message, Exception error) {
        lastError = error;
        pane.setGraphic(new FontIcon("mdi2a-alert-circle-outline"));
        pane.getActions().clear();
        if (error != null) {
            pane.getActions().add(new org.controlsfx.control.action.Action("Details\u2026",
                    e -> showDetails(pane.getScene() == null ? null : pane.getScene().getWindow(), error)));
        }
        pane.show(message);
    }

    public static void showDetails(Window owner, Exception error) {
        ExceptionDialog dialog = new ExceptionDialog(error);
        dialog.initOwner(owner);
        dialog.setTitle("RayLens \u2014 what went wrong");
        dialog.setHeaderText(error.getMessage());
        dialog.show();
    }
}
