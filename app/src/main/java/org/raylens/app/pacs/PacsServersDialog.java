package org.raylens.app.pacs;

import java.io.IOException;
import java.util.Optional;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.raylens.app.prefs.PacsSecrets;
import org.raylens.app.prefs.Preferences.PacsServer;

/**
 * The PACS server settings: the list of servers, and for each its name, DICOMweb URL, authentication (none, HTTP
 * basic with a user and password, or a bearer token) and an optional extra CA file. The URL is checked before it is
 * kept; the password or token goes to {@link PacsSecrets}, not to the preferences file.
 */
public final class PacsServersDialog {

    private PacsServersDialog() {
    }

    /** Shows the dialog; {@code servers} is the preferences' list, {@code save} writes the preferences. */
    public static void show(Window owner, ObservableList<PacsServer> servers, PacsSecrets secrets, Runnable save) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("PACS servers (DICOMweb)");
        ListView<PacsServer> list = new ListView<>(servers);
        list.setPrefHeight(120);
        TextField name = new TextField();
        name.setPromptText("Orthanc");
        TextField url = new TextField();
        url.setPromptText("http://localhost:8042/dicom-web");
        ChoiceBox<String> auth = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(
                PacsServer.AUTH_KINDS));
        auth.setValue("none");
        TextField user = new TextField();
        PasswordField secret = new PasswordField();
        secret.setPromptText("password or token (kept out of the preferences file)");
        TextField ca = new TextField();
        ca.setPromptText("optional extra CA certificate (PEM file)");
        list.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (s != null) {
                name.setText(s.name);
                url.setText(s.baseUrl);
                auth.setValue(s.auth);
                user.setText(s.user);
                ca.setText(s.caFile);
                secret.clear();
            }
        });
        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(4);
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("DICOMweb URL"), url);
        form.addRow(2, new Label("Authentication"), auth);
        form.addRow(3, new Label("User"), user);
        form.addRow(4, new Label("Password / token"), secret);
        form.addRow(5, new Label("Extra CA file"), ca);
        Button keep = new Button("Add or update");
        keep.setOnAction(e -> {
            PacsServer s = new PacsServer(name.getText().trim(), url.getText().trim(), auth.getValue(),
                    blankToNull(user.getText()), blankToNull(ca.getText()));
            Optional<String> problem = check(s, secret.getText());
            if (problem.isPresent()) {
                new Alert(Alert.AlertType.WARNING, problem.get(), ButtonType.OK).showAndWait();
                return;
            }
            try {
                if (!secret.getText().isEmpty() || "none".equals(s.auth)) {
                    secrets.put(s.name, "none".equals(s.auth) ? null : secret.getText());
                }
            } catch (IOException ex) {
                new Alert(Alert.AlertType.ERROR, "Could not keep the secret: " + ex.getMessage(), ButtonType.OK)
                        .showAndWait();
                return;
            }
            servers.removeIf(old -> old.name.equals(s.name));
            servers.add(s);
            save.run();
        });
        Button remove = new Button("Remove");
        remove.setOnAction(e -> {
            PacsServer s = list.getSelectionModel().getSelectedItem();
            if (s != null) {
                servers.remove(s);
                try {
                    secrets.put(s.name, null);
                } catch (IOException ex) {
                    new Alert(Alert.AlertType.ERROR, "Could not forget the secret: " + ex.getMessage(),
                            ButtonType.OK).showAndWait();
                }
                save.run();
            }
        });
        VBox content = new VBox(8, list, form, new HBox(6, keep, remove),
                new Label("Passwords and tokens are kept in " + secrets.file() + " (owner-only folder)."));
        content.setPadding(new Insets(8));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.showAndWait();
    }

    /** What is wrong with a server's settings, if anything (the URL is parsed as the client will). */
    static Optional<String> check(PacsServer s, String secret) {
        if (s.name == null || s.name.isBlank()) {
            return Optional.of("Give the server a name");
        }
        try {
            PacsConnections.config(s, secret == null || secret.isEmpty() ? Optional.of("(kept)")
                    : Optional.of(secret));
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
