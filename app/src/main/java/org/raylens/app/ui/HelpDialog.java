package org.raylens.app.ui;

import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;
import org.raylens.viewer.fx.ViewportKeys;

/** F1: every mouse gesture and keyboard shortcut in one list (the viewport's from {@link ViewportKeys}). */
public final class HelpDialog {

    /** The window's own shortcuts, beyond the viewport's. */
    public static final String WINDOW_KEYS = String.join("\n",
            "Window",
            "  Ctrl+O           open files",
            "  Ctrl+Shift+O     open a folder",
            "  Ctrl+D           open a DICOMDIR",
            "  Ctrl+R           analyse the image with the active encoder",
            "  Esc              cancel the analysis",
            "  P                click-a-patch mode (click the image to see that patch's attention)",
            "  Page Up / Down   next / previous attention layer",
            "  + / -            next / previous head (after the last head: mean of heads)",
            "  C                side-by-side compare (image | overlays)",
            "  L                hang the study's PA and lateral side by side (linked zoom, pan, window, maps)",
            "  T                DICOM tags of the shown file",
            "  O                corner text and orientation markers on / off",
            "  G                raw patch grid on maps (nearest cell) / smooth maps",
            "  Ctrl+E           export the figure",
            "  F1               this help");

    private HelpDialog() {
    }

    public static String text() {
        return ViewportKeys.HELP_TEXT + "\n\n" + WINDOW_KEYS;
    }

    public static void show(Window owner) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(owner);
        alert.setTitle("RayLens \u2014 keyboard shortcuts");
        alert.setHeaderText("Mouse and keyboard");
        TextArea area = new TextArea(text());
        area.setEditable(false);
        area.setStyle("-fx-font-family: monospace;");
        area.setPrefSize(620, 460);
        alert.getDialogPane().setContent(area);
        if (owner != null && owner.getScene() != null) {
            alert.getDialogPane().getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        alert.show();
    }
}
